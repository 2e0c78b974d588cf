// npm run seed -- [--dry-run] [--force] [--dir <path>]
// Without --dir: seed/content (topics, concept questions) and every problem folder of src/problems.
// Exit code: 0 when at least one question file was imported (broken files are reported and skipped);
// 1 when nothing could be imported (no valid file) or the database is unreachable; 2 for bad arguments.
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDb } from "../src/db.ts";
import { PROBLEMS_DIR } from "./load-content.ts";
import { importedAnything, runSeed } from "./run-seed.ts";

const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/infra_dojo";

async function main(): Promise<number> {
  let values: { "dry-run"?: boolean; force?: boolean; dir?: string };
  try {
    ({ values } = parseArgs({
      options: { "dry-run": { type: "boolean" }, force: { type: "boolean" }, dir: { type: "string" } },
    }));
  } catch (error) {
    console.error(
      `${error instanceof Error ? error.message : String(error)}\nusage: node seed/seed.ts [--dry-run] [--force] [--dir <path>]`,
    );
    return 2;
  }
  // Relative to the working directory, so reported paths stay short.
  const dir = values.dir ?? (relative(process.cwd(), fileURLToPath(new URL("./content", import.meta.url))) || ".");
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    console.error(`content directory not found: ${dir}`);
    return 1;
  }
  // No statement timeout: an operator runs the seed once per release, and its bulk writes may outlast the API's.
  const db = createDb({
    url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    poolSize: 4,
    applicationName: "dojo-seed",
  });
  try {
    const report = await runSeed({
      db,
      dir,
      // The shipped problem folders come with the shipped content; `--dir` names a content folder of its own.
      problemsDirs: values.dir === undefined ? [relative(process.cwd(), PROBLEMS_DIR)] : [],
      dryRun: values["dry-run"] ?? false,
      force: values.force ?? false,
      log: (line) => console.log(line),
    });
    if (!importedAnything(report)) {
      console.error(`nothing could be imported from ${dir}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(
      `seed failed (is the database reachable?): ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
