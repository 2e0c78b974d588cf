import { loadCodingProblems } from "../seed/load-content.ts";
import { gradeKnownSolutions } from "../test/helpers/known-solutions.ts";
import { ExecutorPool } from "../workers/sandbox/pool.ts";

/**
 * Every known wrong solution graded on the shipped test plans and on other seeds (BENCH_SEEDS, comma-separated;
 * default five): how many each seed rejects. A rejection that depends on the seed shows up here as a miss.
 */
export async function runWrongSolutionsBench(): Promise<void> {
  const problems = await loadCodingProblems();
  const seeds = (process.env.BENCH_SEEDS ?? "1,2,3,424242,987654321").split(",").map((seed) => Number(seed.trim()));
  const pool = await ExecutorPool.start({ size: 1 });
  try {
    for (const seed of [undefined, ...seeds]) {
      const started = performance.now();
      const verdicts = await gradeKnownSolutions(pool, problems, { seed, reference: true });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const wrong = verdicts.filter((v) => v.why !== null);
      const accepted = wrong.filter((v) => v.verdict === "ACCEPTED");
      const referenceFailures = verdicts.filter((v) => v.why === null && v.verdict !== "ACCEPTED");
      const label = seed === undefined ? "shipped seeds" : `seed ${seed}`;
      console.log(
        `${label}: rejected ${wrong.length - accepted.length}/${wrong.length} wrong solutions, ` +
          `${referenceFailures.length} reference solutions not accepted, ${seconds} s`,
      );
      for (const v of [...accepted, ...referenceFailures]) {
        console.log(`  ${v.kernelId}: ${v.why ?? "reference solution"} → ${v.verdict} ${v.failure ?? ""}`);
      }
    }
  } finally {
    await pool.close();
  }
}
