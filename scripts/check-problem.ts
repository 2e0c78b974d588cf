// `npm run check-problem -- <slug> [<slug> …]` (or `--all`): every gate of a coding problem in one command, as a
// table (gate, result, detail). Exit code 1 when any gate fails. The gates are test/problems/gates.ts; `npm test`
// runs the same ones for every folder (all but the naive solution's measured slowdown, which depends on speed).
//   --only <group,…>       run only these groups of gates: statement, wrong, typescript, python, check, performance
//   --problems-dir <dir>   check folders outside src/problems (their index.ts is imported directly)
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PROBLEMS_DIR } from "../seed/load-content.ts";
import type { ProblemPackage } from "../src/kernels/problem-package.ts";
import { failures, formatGateTable, GATE_GROUPS, runProblemGates, startGateRuntimes } from "../test/problems/gates.ts";
import { problemFolders } from "./problems-index.ts";

const USAGE = `usage: npm run check-problem -- <slug> [<slug> …] | --all   [--only ${GATE_GROUPS.join(",")}] [--problems-dir <dir>]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: "boolean" },
      only: { type: "string" },
      "problems-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const problemsDir = values["problems-dir"] ? resolve(values["problems-dir"]) : undefined;
  const slugs = values.all ? problemFolders(problemsDir) : positionals;
  if (slugs.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const only = values.only?.split(",").map((group) => group.trim());
  const unknown = only?.filter((group) => !(GATE_GROUPS as readonly string[]).includes(group)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown gate group ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const runtimes = await startGateRuntimes({
    typescript: !only || only.includes("typescript"),
    python: !only || only.includes("python"),
  });
  let failed = 0;
  try {
    for (const slug of slugs) {
      let problem: ProblemPackage | undefined;
      if (problemsDir && problemsDir !== resolve(PROBLEMS_DIR)) {
        problem = (
          (await import(pathToFileURL(join(problemsDir, slug, "index.ts")).href)) as { problem: ProblemPackage }
        ).problem;
      }
      const results = await runProblemGates(slug, runtimes, { measureSpeed: true, problemsDir, problem, only });
      console.log(`${formatGateTable(slug, results)}\n`);
      if (failures(results).length > 0) failed++;
    }
  } finally {
    await runtimes.close();
  }
  console.log(
    failed === 0 ? `all gates pass (${slugs.length} problems)` : `${failed} of ${slugs.length} problems fail a gate`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
