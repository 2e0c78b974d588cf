import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "@jest/globals";
import { nodeVersionProblem, REQUIRED_MAJOR } from "../../scripts/check-node.js";
import { CONFIG_VARIABLES, loadConfig } from "../../src/config.ts";

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

/** The example file with every commented-out `NAME=value` line taken as set (comments after the value dropped). */
function exampleValues(): NodeJS.ProcessEnv {
  const lines = read(".env.example")
    .split("\n")
    .map((line) => line.replace(/^#\s*(?=[A-Z][A-Z0-9_]*=)/, ""))
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => line.replace(/\s+#.*$/, ""));
  return parseEnv(lines.join("\n"));
}

describe(".env.example", () => {
  it("documents every variable the configuration reads", () => {
    const documented = Object.keys(exampleValues());
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it("shows values the configuration accepts", () => {
    const config = loadConfig(exampleValues());
    expect(config.CORS_ORIGINS).toEqual(["http://localhost:5173", "https://app.example.com"]);
    expect(config.PORT).toBe(4000);
  });
});

describe("Node.js version", () => {
  it("turns Node.js 20 away with what it needs and how to get it", () => {
    const message = nodeVersionProblem("20.18.0");
    expect(message).toMatch(/^infra-dojo needs Node\.js ≥ 24 \(found 20\.18\.0\): /);
    expect(message).toContain("nvm install");
    expect(message).toContain("https://nodejs.org");
    expect(nodeVersionProblem("v24.0.0")).toBeNull();
    expect(nodeVersionProblem("25.1.0")).toBeNull();
  });

  it("checks the version before every npm script that runs TypeScript, Prisma or a server", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const runsCode = Object.entries(scripts)
      .filter(([name]) => !name.startsWith("pre") && !name.startsWith("post"))
      .filter(([, command]) => /\.ts\b|\bprisma\b|jest/.test(command))
      .map(([name]) => name);
    expect(runsCode).toEqual(
      expect.arrayContaining(["start", "test", "setup", "seed", "reset", "admin", "api", "grader"]),
    );
    expect(runsCode.filter((name) => scripts[`pre${name}`] !== "node scripts/check-node.js")).toEqual([]);
  });

  it("stops `npm run setup|seed|reset|admin|api|grader` on Node.js 20 before touching anything", () => {
    // A `node` first on PATH that reports version 20.18.0 (the real binary with process.versions replaced).
    const bin = mkdtempSync(join(tmpdir(), "old-node-"));
    try {
      writeFileSync(
        join(bin, "old.mjs"),
        'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.18.0" } });\n',
      );
      writeFileSync(
        join(bin, "node"),
        `#!/bin/sh\nexec "${process.execPath}" --import "${join(bin, "old.mjs")}" "$@"\n`,
      );
      chmodSync(join(bin, "node"), 0o755);
      for (const script of ["setup", "seed", "reset", "admin", "api", "grader"]) {
        const run = spawnSync("npm", ["run", "--silent", script], {
          cwd: new URL(".", root).pathname,
          // A database and Redis nobody listens on: if anything ran past the check it would fail differently.
          env: {
            ...process.env,
            PATH: `${bin}:${process.env.PATH}`,
            DATABASE_URL: "postgresql://postgres@127.0.0.1:9/nothing",
            REDIS_URL: "redis://127.0.0.1:9",
          },
          encoding: "utf8",
          timeout: 60_000,
        });
        expect({ script, status: run.status }).toEqual({ script, status: 1 });
        expect(run.stderr).toContain("infra-dojo needs Node.js ≥ 24 (found 20.18.0)");
        expect(run.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|prisma|migrat/i);
      }
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 120_000);

  it("keeps .nvmrc, engines and npm's engine-strict in step", () => {
    const manifest = JSON.parse(read("package.json")) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(`>=${REQUIRED_MAJOR}`);
    expect(read(".nvmrc").trim()).toBe(String(REQUIRED_MAJOR));
    expect(read(".npmrc")).toMatch(/^engine-strict=true$/m);
  });
});

describe("licence and changelog", () => {
  it("ships a LICENSE named by package.json and a CHANGELOG with this version", () => {
    const manifest = JSON.parse(read("package.json")) as { license: string; version: string };
    expect(manifest.license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License/);
    expect(read("CHANGELOG.md")).toContain(`## [${manifest.version}]`);
  });
});
