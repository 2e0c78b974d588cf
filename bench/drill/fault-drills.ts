// The four fault drills of the hardening review, on a private Redis (a redis-server of its own on a free port):
//   1. executor SIGKILL mid-job, 2. grader SIGKILL mid-batch, 3. Redis stopped and restarted empty during
//   submits, 4. two graders on one queue.
// Prints, per drill, submissions in / verdicts out / graded twice, and returns non-zero unless every drill
// lost nothing and graded nothing twice.
import type { WriteLedger } from "./grader-process.ts";
import { type PrivateRedis, startPrivateRedis } from "./private-redis.ts";
import {
  countByStatus,
  type Learner,
  openWorld,
  runBounded,
  signUp,
  sleep,
  startGrader,
  submit,
  submitMany,
  type World,
  waitFor,
} from "./world.ts";

/** Whole run: four drills of at most DRILL_TIMEOUT_MS each, plus set-up and clean-up. */
const RUN_TIMEOUT_MS = 10 * 60_000;
/**
 * Each drill waits this long for its verdicts. The slowest recovery is a job that was RUNNING when Redis
 * restarted empty: the sweeper re-enqueues a RUNNING row after max(4 × lock, 60 s) (workers/grader/run.ts).
 */
const DRILL_TIMEOUT_MS = 150_000;

type FaultWorld = World & { redis: PrivateRedis };

type DrillReport = {
  name: string;
  submitted: number;
  verdicts: number;
  gradedTwice: number;
  /** Attempts the learner's progress counted: one per verdict, never more. */
  progressCounted: number;
  verdictCounts: Record<string, number>;
  seconds: number;
  notes: string[];
};

type Drill = {
  name: string;
  /** Submits, injects the fault, and returns the submission ids; the harness waits for their verdicts. */
  run(world: FaultWorld, learner: Learner, ledger: WriteLedger, notes: string[]): Promise<string[]>;
};

const drills: Drill[] = [
  {
    name: "executor SIGKILL mid-job",
    async run(world, learner, ledger, notes) {
      const grader = startGrader(world, "grader-a", ledger);
      const ids = await submitMany(world, learner, 12, "executor");
      let kills = 0;
      for (let round = 0; round < 3; round++) {
        await waitFor(async () => (await countByStatus(world.db, ids, "RUNNING")) > 0, 30_000);
        for (const pid of grader.executorPids()) {
          try {
            process.kill(pid, "SIGKILL");
            kills++;
          } catch {
            // It exited between the listing and the kill.
          }
        }
        await sleep(1500);
      }
      notes.push(`${kills} executor processes killed`);
      return ids;
    },
  },
  {
    name: "grader SIGKILL mid-batch",
    async run(world, learner, ledger, notes) {
      const doomed = startGrader(world, "grader-b1", ledger);
      const ids = await submitMany(world, learner, 12, "grader");
      await waitFor(
        async () =>
          (await countByStatus(world.db, ids, "FINISHED")) >= 2 && (await countByStatus(world.db, ids, "RUNNING")) >= 2,
        60_000,
      );
      const running = await countByStatus(world.db, ids, "RUNNING");
      await doomed.kill();
      notes.push(`grader killed with ${running} submissions RUNNING`);
      startGrader(world, "grader-b2", ledger);
      return ids;
    },
  },
  {
    name: "Redis stopped and restarted empty during submits",
    async run(world, learner, ledger, notes) {
      startGrader(world, "grader-c", ledger);
      const ids: string[] = [];
      const spaced = async (count: number, label: string) => {
        for (let index = 0; index < count; index++) {
          ids.push(await submit(world, learner, `${label}-${index}`));
          await sleep(200);
        }
      };
      await spaced(5, "before");
      await world.redis.crash();
      await spaced(4, "down");
      await world.redis.start();
      await spaced(5, "after");
      notes.push("4 submitted while Redis was down");
      return ids;
    },
  },
  {
    name: "two graders on one queue",
    async run(world, learner, ledger) {
      startGrader(world, "grader-d1", ledger);
      startGrader(world, "grader-d2", ledger);
      return submitMany(world, learner, 20, "two");
    },
  },
];

async function runDrill(world: FaultWorld, drill: Drill): Promise<DrillReport> {
  const started = performance.now();
  const learner = await signUp(world, "drill");
  const ledger: WriteLedger = new Map();
  const notes: string[] = [];
  const ids = await drill.run(world, learner, ledger, notes);
  await waitFor(async () => (await countByStatus(world.db, ids, "FINISHED")) === ids.length, DRILL_TIMEOUT_MS);
  const finished = await world.db.submission.findMany({
    where: { id: { in: ids }, status: "FINISHED" },
    select: { verdict: true },
  });
  const verdictCounts: Record<string, number> = {};
  for (const { verdict } of finished) verdictCounts[String(verdict)] = (verdictCounts[String(verdict)] ?? 0) + 1;
  const progress = await world.db.progress.findMany({ where: { userId: learner.id }, select: { attempts: true } });
  await Promise.all(world.graders.splice(0).map((grader) => grader.stop()));
  return {
    name: drill.name,
    submitted: ids.length,
    verdicts: finished.length,
    gradedTwice: [...ledger.values()].filter((writes) => writes > 1).length,
    progressCounted: progress.reduce((sum, row) => sum + row.attempts, 0),
    verdictCounts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    notes,
  };
}

function failuresOf(report: DrillReport): string[] {
  const failures: string[] = [];
  if (report.verdicts < report.submitted) failures.push(`${report.submitted - report.verdicts} lost`);
  if (report.gradedTwice > 0) failures.push(`${report.gradedTwice} graded twice`);
  if (report.progressCounted !== report.verdicts) {
    failures.push(`progress counted ${report.progressCounted} attempts for ${report.verdicts} verdicts`);
  }
  const accepted = report.verdictCounts.ACCEPTED ?? 0;
  if (accepted < report.verdicts) failures.push(`${report.verdicts - accepted} correct solutions not ACCEPTED`);
  return failures;
}

function printReports(reports: readonly DrillReport[]): boolean {
  let failed = false;
  console.log("\ndrill                                               in  out  twice  progress  verdicts            s");
  for (const report of reports) {
    const failures = failuresOf(report);
    failed ||= failures.length > 0;
    const verdicts = Object.entries(report.verdictCounts)
      .map(([verdict, count]) => `${verdict}:${count}`)
      .join(" ");
    console.log(
      `${report.name.padEnd(50)} ${String(report.submitted).padStart(3)} ${String(report.verdicts).padStart(4)} ${String(report.gradedTwice).padStart(6)} ${String(report.progressCounted).padStart(9)}  ${verdicts.padEnd(18)} ${String(report.seconds).padStart(5)}`,
    );
    for (const note of report.notes) console.log(`    ${note}`);
    for (const failure of failures) console.log(`    FAILED: ${failure}`);
  }
  const lost = reports.reduce((sum, report) => sum + report.submitted - report.verdicts, 0);
  const twice = reports.reduce((sum, report) => sum + report.gradedTwice, 0);
  console.log(`\n${failed ? "FAILED" : "OK"}: ${lost} lost, ${twice} graded twice`);
  return failed;
}

export async function runFaultDrills(): Promise<number> {
  const redis = await startPrivateRedis();
  const { world, close } = await openWorld(async () => ({
    env: { REDIS_URL: redis.url },
    stop: () => redis.crash(),
  })).catch(async (error: unknown) => {
    await redis.crash();
    throw error;
  });
  const faultWorld: FaultWorld = Object.assign(world, { redis });
  const reports: DrillReport[] = [];
  const code = await runBounded("drill", RUN_TIMEOUT_MS, close, async () => {
    for (const drill of drills) {
      console.log(`drill: ${drill.name} …`);
      reports.push(await runDrill(faultWorld, drill));
    }
    return 0;
  });
  return printReports(reports) ? 1 : code;
}
