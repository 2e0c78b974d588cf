import { requireArray, requireFinite } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type CheckpointJob = {
  work: number;
  interval: number;
  checkpointCost: number;
  restartCost: number;
  mtbf: number;
};

export type CheckpointReport = {
  young: number;
  daly: number;
  expectedWaste: number;
  completionTime: number;
  lostWork: number;
  checkpoints: number;
  failures: number;
  goodput: number;
};

type Args = [job: CheckpointJob, failureTimes: number[]];

function requirePositive(value: unknown, name: string): number {
  requireFinite(value, name);
  if (value <= 0) throw new KernelInputError(`${name} must be > 0, got ${value}`);
  return value;
}

function validate(job: CheckpointJob, failureTimes: number[]): void {
  if (typeof job !== "object" || job === null) throw new KernelInputError("job must be an object");
  requirePositive(job.work, "job.work");
  requirePositive(job.interval, "job.interval");
  requirePositive(job.checkpointCost, "job.checkpointCost");
  requireFinite(job.restartCost, "job.restartCost");
  if (job.restartCost < 0) throw new KernelInputError("job.restartCost must be >= 0");
  requirePositive(job.mtbf, "job.mtbf");
  requireArray(failureTimes, "failureTimes");
  failureTimes.forEach((time, i) => {
    requireFinite(time, `failureTimes[${i}]`);
    if (time < 0) throw new KernelInputError(`failureTimes[${i}] must be >= 0`);
    if (i > 0 && time <= (failureTimes[i - 1] as number)) {
      throw new KernelInputError("failureTimes must be strictly increasing");
    }
  });
}

/** Daly (2006), eq. for δ < 2M: √(2δM)·[1 + ⅓·√(δ/2M) + (1/9)·(δ/2M)] − δ; M itself when δ ≥ 2M. */
function dalyInterval(delta: number, mtbf: number): number {
  if (delta >= 2 * mtbf) return mtbf;
  const x = delta / (2 * mtbf);
  return Math.sqrt(2 * delta * mtbf) * (1 + Math.sqrt(x) / 3 + x / 9) - delta;
}

/**
 * Young's and Daly's optimal checkpoint intervals, the first-order expected waste of the given interval, and a
 * deterministic run of the job against the given failure times: each activity occupies a half-open wall-clock
 * interval [start, end) and a failure inside it interrupts it; the work since the last completed checkpoint is lost.
 */
export function checkpointInterval(job: CheckpointJob, failureTimes: number[]): CheckpointReport {
  validate(job, failureTimes);
  const { work, interval, checkpointCost: delta, restartCost, mtbf } = job;

  let now = 0;
  let saved = 0; // work covered by the last completed checkpoint (or finished)
  let next = 0; // index of the first failure not yet consumed
  let lostWork = 0;
  let checkpoints = 0;
  let failures = 0;
  while (saved < work) {
    const segment = Math.min(interval, work - saved);
    const last = saved + segment >= work;
    const end = now + segment + (last ? 0 : delta); // no checkpoint after the final segment
    const failure = failureTimes[next];
    if (failure !== undefined && failure < end) {
      failures += 1;
      lostWork += Math.min(segment, failure - now);
      next += 1;
      now = failure;
      // Restart from the last checkpoint; a failure during the restart starts it over.
      for (;;) {
        const restartDone = now + restartCost;
        const during = failureTimes[next];
        if (during !== undefined && during < restartDone) {
          failures += 1;
          next += 1;
          now = during;
        } else {
          now = restartDone;
          break;
        }
      }
      continue;
    }
    now = end;
    saved += segment;
    if (!last) checkpoints += 1;
  }
  return {
    young: Math.sqrt(2 * delta * mtbf),
    daly: dalyInterval(delta, mtbf),
    expectedWaste: delta / interval + (interval / 2 + restartCost) / mtbf,
    completionTime: now,
    lostWork,
    checkpoints,
    failures,
    goodput: work / now,
  };
}

function randomFailures(rng: Rng, horizon: number): number[] {
  const count = rng.int(0, 8);
  const times = new Set<number>();
  for (let i = 0; i < count; i++) times.add(rng.int(0, horizon));
  return [...times].sort((a, b) => a - b);
}

const SIGNATURE_TYPES = `type CheckpointJob = { work: number; interval: number; checkpointCost: number; restartCost: number; mtbf: number };
type CheckpointReport = {
  young: number; daly: number; expectedWaste: number;
  completionTime: number; lostWork: number; checkpoints: number; failures: number; goodput: number;
};`;

export const checkpointIntervalKernel: KernelSpec<Args, CheckpointReport> = {
  id: "checkpoint-interval",
  functionName: "checkpointInterval",
  signature: `${SIGNATURE_TYPES}
function checkpointInterval(job: CheckpointJob, failureTimes: number[]): CheckpointReport`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: checkpointInterval,
  generate(kind, index, rng) {
    const base: CheckpointJob = { work: 100, interval: 30, checkpointCost: 5, restartCost: 10, mtbf: 1000 };
    if (kind === "sample") {
      if (index === 0) return [base, [50, 400]];
      // Daly's own example (M = 24 h, δ = 5 min, in minutes): τ_opt ≈ 117 min; two failures, one during a checkpoint.
      return [{ work: 600, interval: 117, checkpointCost: 5, restartCost: 10, mtbf: 1440 }, [120, 300]];
    }
    switch (index) {
      case 0:
        // A failure during a checkpoint: the whole segment is lost, not only the part after the compute.
        return [base, [32]];
      case 1:
        // A failure exactly when a checkpoint completes ([start, end) intervals): the checkpoint counts.
        return [base, [35, 70]];
      case 2:
        // A failure during the restart starts the restart over.
        return [base, [40, 45, 200]];
      case 3:
        // The final segment is not followed by a checkpoint: work a multiple of the interval.
        return [{ ...base, work: 90 }, []];
      case 4:
        // A failure at the very moment the job finishes does not touch it.
        return [{ ...base, work: 60 }, [65]];
      case 5:
        // δ ≥ 2M: Daly's interval is M itself.
        return [{ work: 50, interval: 10, checkpointCost: 30, restartCost: 0, mtbf: 12 }, [5, 25]];
      case 6:
        // Daly's other two examples (M = 6 h and 15 min): τ_opt ≈ 57 and 9.1 min.
        return [{ work: 300, interval: 57, checkpointCost: 5, restartCost: 10, mtbf: 360 }, [100]];
      case 7:
        return [{ work: 300, interval: 9, checkpointCost: 5, restartCost: 10, mtbf: 15 }, [12, 30, 31, 90]];
      case 8:
        // A failure at time 0, the moment the first segment starts: nothing to lose, but a restart to pay.
        return [base, [0]];
      default: {
        const job: CheckpointJob = {
          work: rng.int(20, 2000),
          interval: rng.int(5, 300),
          checkpointCost: rng.int(1, 30),
          restartCost: rng.int(0, 60),
          mtbf: rng.int(100, 5000),
        };
        return [job, randomFailures(rng, 2 * job.work)];
      }
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function checkpointInterval(job: CheckpointJob, failureTimes: number[]): CheckpointReport {
  // The formulas first (Young, Daly, first-order waste), then walk the timeline: compute a segment,
  // checkpoint it, and on a failure lose the work since the last checkpoint and pay the restart.
  return { young: 0, daly: 0, expectedWaste: 0, completionTime: job.work, lostWork: 0, checkpoints: 0, failures: 0, goodput: 1 };
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function checkpointInterval(job: CheckpointJob, failureTimes: number[]): CheckpointReport {
  const { work, interval, checkpointCost: delta, restartCost, mtbf } = job;
  const young = Math.sqrt(2 * delta * mtbf);
  let daly = mtbf;
  if (delta < 2 * mtbf) {
    const x = delta / (2 * mtbf);
    daly = young * (1 + Math.sqrt(x) / 3 + x / 9) - delta;
  }
  const expectedWaste = delta / interval + (interval / 2 + restartCost) / mtbf;

  let now = 0;
  let saved = 0;
  let next = 0;
  let lostWork = 0;
  let checkpoints = 0;
  let failures = 0;
  while (saved < work) {
    const segment = Math.min(interval, work - saved);
    const last = saved + segment >= work;
    const end = now + segment + (last ? 0 : delta);
    if (next < failureTimes.length && failureTimes[next] < end) {
      failures++;
      lostWork += Math.min(segment, failureTimes[next] - now);
      now = failureTimes[next++];
      while (next < failureTimes.length && failureTimes[next] < now + restartCost) {
        failures++;
        now = failureTimes[next++];
      }
      now += restartCost;
      continue;
    }
    now = end;
    saved += segment;
    if (!last) checkpoints++;
  }
  return { young, daly, expectedWaste, completionTime: now, lostWork, checkpoints, failures, goodput: work / now };
}
`,
};
