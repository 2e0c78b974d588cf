// The Docker files as data: what the image and the Compose file must keep for `docker compose up --build` and
// `docker compose run --rm test` to work (scripts/docker-smoke runs both for real).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { type SchemaEngineFacts, schemaEngineProblem } from "../../src/cli/prisma-engine.ts";

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

type Stage = { name: string; from: string; instructions: string[] };

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
function dockerfileStages(): Stage[] {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? from[1], from: from[1], instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}

function stage(name: string): Stage {
  const found = dockerfileStages().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stage ${name} in the Dockerfile`);
  return found;
}

/** The chain of stages `name` is built on, itself first, ending at an outside image. */
function ancestry(name: string): string[] {
  const names = dockerfileStages().map((candidate) => candidate.name);
  const chain = [name];
  for (let current = stage(name); names.includes(current.from); current = stage(current.from)) chain.push(current.from);
  return chain;
}

type Service = {
  build?: { context: string; target: string };
  image?: string;
  init?: boolean;
  healthcheck?: { disable?: boolean; test?: string[] };
  depends_on?: Record<string, { condition: string }>;
};
const services = (parse(read("docker-compose.yml")) as { services: Record<string, Service> }).services;

describe("Dockerfile", () => {
  it("installs the dependencies on the base the roles run on, so Prisma fetches the engine they need", () => {
    // On a bare node:24-slim (no OpenSSL) Prisma chose its OpenSSL 1.1 engine; the runtime has OpenSSL 3.
    expect(ancestry("deps")).toContain("base");
    expect(ancestry("app")).toContain("base");
    expect(ancestry("test")).toContain("base");
    expect(stage("base").instructions.join("\n")).toMatch(/apt-get install .*\bopenssl\b/);
  });

  it("checks the schema engine at build time, as the user the containers run as", () => {
    for (const name of ["app", "test"]) {
      const instructions = stage(name).instructions;
      const user = instructions.lastIndexOf("USER node");
      const check = instructions.indexOf("RUN node src/cli/prisma-engine.ts");
      expect({ stage: name, userBeforeCheck: user >= 0 && check > user }).toEqual({
        stage: name,
        userBeforeCheck: true,
      });
    }
  });

  it("serves from the default target; the test image adds redis-server and Chromium, and no API health check", () => {
    const stages = dockerfileStages();
    expect(stages.at(-1)?.name).toBe("app");
    const testChain = ancestry("test").map((name) => stage(name).instructions.join("\n"));
    expect(testChain.join("\n")).toMatch(/apt-get install .*\bredis-server\b.*\bchromium\b/);
    expect(testChain.join("\n")).not.toContain("HEALTHCHECK");
    expect(stage("app").instructions.join("\n")).not.toMatch(/chromium|redis-server/);
  });
});

describe("docker-compose.yml", () => {
  it("builds the app for the platform and the test image for the suite", () => {
    expect(services.migrate.build).toEqual({ context: ".", target: "app" });
    expect(services.test.build).toEqual({ context: ".", target: "test" });
    for (const name of ["api", "grader"]) expect(services[name].image).toBe(services.migrate.image);
  });

  it("runs the test suite under an init that reaps killed executors", () => {
    expect(services.test.init).toBe(true);
    for (const name of ["api", "grader"]) expect(services[name].init).toBe(true);
  });

  it("turns the image's API health check off for the one-shot services", () => {
    for (const name of ["migrate", "test"]) expect(services[name].healthcheck).toEqual({ disable: true });
    for (const name of ["api", "grader"]) expect(services[name].healthcheck?.test).toEqual(expect.any(Array));
  });

  it("stops Postgres and Redis only after the API and the grader (they depend on both directly)", () => {
    for (const name of ["api", "grader"]) {
      expect(services[name].depends_on).toMatchObject({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
    }
  });
});

describe("the schema engine check", () => {
  const facts: SchemaEngineFacts = {
    target: "debian-openssl-3.0.x",
    expectedVersion: "0edf323efd1d98336f3f0a68684b56f689b900d3",
    overrideExecutable: false,
    enginesDir: "/app/node_modules/@prisma/engines",
    installed: ["schema-engine-debian-openssl-3.0.x"],
    installedVersion: "schema-engine-cli 0edf323efd1d98336f3f0a68684b56f689b900d3",
  };

  it("passes with the engine for this platform at the expected version", () => {
    expect(schemaEngineProblem(facts)).toBeNull();
  });

  it("names the engine it needs and the one installed when npm ci ran on another platform", () => {
    const problem = schemaEngineProblem({
      ...facts,
      installed: ["schema-engine-debian-openssl-1.1.x"],
      installedVersion: null,
    });
    expect(problem).toContain("Prisma needs schema-engine-debian-openssl-3.0.x for this platform");
    expect(problem).toContain("only schema-engine-debian-openssl-1.1.x");
  });

  it("refuses an engine of another version (Prisma would download its own)", () => {
    expect(schemaEngineProblem({ ...facts, installedVersion: "schema-engine-cli 1234" })).toContain(
      "not version 0edf323efd1d98336f3f0a68684b56f689b900d3",
    );
  });

  it("accepts PRISMA_SCHEMA_ENGINE_BINARY only when it names an executable file", () => {
    expect(
      schemaEngineProblem({ ...facts, installed: [], override: "/opt/engine", overrideExecutable: true }),
    ).toBeNull();
    expect(schemaEngineProblem({ ...facts, override: "/opt/engine" })).toBe(
      "PRISMA_SCHEMA_ENGINE_BINARY=/opt/engine is not an executable file",
    );
  });

  it("exits 1 with the reason when run as a command", () => {
    const script = fileURLToPath(new URL("src/cli/prisma-engine.ts", root));
    const run = spawnSync(process.execPath, [script], {
      encoding: "utf8",
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/nonexistent/schema-engine" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PRISMA_SCHEMA_ENGINE_BINARY=/nonexistent/schema-engine is not an executable file");
  });
});
