// Checks that Prisma's schema engine (what `prisma migrate deploy` runs) is already installed for this platform, so
// the CLI will not try to download one: in the Docker image node_modules is root-owned and the roles run as `node`,
// and a download there fails with "Can't write to /app/node_modules/@prisma/engines". The Dockerfile runs it at
// build time, as that user. Usage: node src/cli/prisma-engine.ts (exit 1 with the reason when the engine is missing).
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export type SchemaEngineFacts = {
  /** Prisma's name for this platform, e.g. debian-openssl-3.0.x. */
  target: string;
  /** The engine version this Prisma CLI expects (a commit hash). */
  expectedVersion: string;
  /** PRISMA_SCHEMA_ENGINE_BINARY, when set: Prisma then runs that file instead of its own. */
  override?: string;
  overrideExecutable: boolean;
  enginesDir: string;
  /** The schema-engine-* files in enginesDir. */
  installed: string[];
  /** What `<engine for target> --version` printed, null when it is missing or did not run. */
  installedVersion: string | null;
};

export function schemaEngineFileName(target: string): string {
  return `schema-engine-${target}`;
}

/** Why Prisma would have to download its schema engine here, or null when it has the one it needs. */
export function schemaEngineProblem(facts: SchemaEngineFacts): string | null {
  if (facts.override !== undefined) {
    return facts.overrideExecutable ? null : `PRISMA_SCHEMA_ENGINE_BINARY=${facts.override} is not an executable file`;
  }
  const wanted = schemaEngineFileName(facts.target);
  if (!facts.installed.includes(wanted)) {
    const found = facts.installed.length > 0 ? `only ${facts.installed.join(", ")}` : "no schema engine";
    return (
      `Prisma needs ${wanted} for this platform, but ${facts.enginesDir} has ${found}: it was installed on a ` +
      "platform other than this one (e.g. without OpenSSL), or offline. Install dependencies on this platform " +
      "with network access (the CLI downloads the engine on first use), or set PRISMA_SCHEMA_ENGINE_BINARY."
    );
  }
  if (!facts.installedVersion?.includes(facts.expectedVersion)) {
    return (
      `${join(facts.enginesDir, wanted)} reports ${JSON.stringify(facts.installedVersion)}, not version ` +
      `${facts.expectedVersion}: Prisma would download another one`
    );
  }
  return null;
}

type PrismaInternals = {
  getBinaryTargetForCurrentPlatform(): Promise<string>;
  enginesVersion: string;
  getEnginesPath(): string;
};

/** The CLI's own helpers, resolved the way the `prisma` package resolves them (they are its dependencies). */
function prismaInternals(): PrismaInternals {
  const fromPrisma = createRequire(createRequire(import.meta.url).resolve("prisma/package.json"));
  const enginesEntry = fromPrisma.resolve("@prisma/engines");
  const engines = fromPrisma(enginesEntry) as Pick<PrismaInternals, "enginesVersion" | "getEnginesPath">;
  const platform = createRequire(enginesEntry)("@prisma/get-platform") as Pick<
    PrismaInternals,
    "getBinaryTargetForCurrentPlatform"
  >;
  return { ...engines, ...platform };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function engineVersion(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    return execFileSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 }).trim();
  } catch {
    return null;
  }
}

export async function schemaEngineFacts(env: NodeJS.ProcessEnv = process.env): Promise<SchemaEngineFacts> {
  const prisma = prismaInternals();
  const target = await prisma.getBinaryTargetForCurrentPlatform();
  const enginesDir = prisma.getEnginesPath();
  const override = env.PRISMA_SCHEMA_ENGINE_BINARY || undefined;
  return {
    target,
    expectedVersion: prisma.enginesVersion,
    override,
    overrideExecutable: override !== undefined && isExecutable(override),
    enginesDir,
    installed: readdirSync(enginesDir).filter((name) => name.startsWith("schema-engine-")),
    installedVersion: override ? null : engineVersion(join(enginesDir, schemaEngineFileName(target))),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replaceAll("\\", "/"))) {
  const facts = await schemaEngineFacts();
  const problem = schemaEngineProblem(facts);
  if (problem) {
    console.error(`prisma-engine: ${problem}`);
    process.exit(1);
  }
  const engine = facts.override
    ? `${facts.override} (PRISMA_SCHEMA_ENGINE_BINARY)`
    : join(facts.enginesDir, schemaEngineFileName(facts.target));
  console.log(`prisma-engine: platform ${facts.target}, schema engine ${engine}`);
}
