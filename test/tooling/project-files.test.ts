import { readFileSync } from "node:fs";
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
