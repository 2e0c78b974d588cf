// `npm run drill -- cluster`: the platform on a real Redis Cluster (3 masters + 3 replicas on loopback ports), the
// API in this process and three grader processes configured with REDIS_CLUSTER_NODES. Learners submit correct
// solutions (and some runSamples) through the API at a steady pace and follow some of them over graphql-ws; a quarter
// of the way in, the master that holds the queue's slot ({drill}) hands it to its replica (CLUSTER FAILOVER); half
// way in, the master holding it then is SIGKILLed and its replica promoted; in the last quarter the API's pub/sub
// connection is cut every 250 ms (CLIENT KILL TYPE pubsub on every node), so events race its re-subscription. Counts, per phase,
// submissions lost / graded twice / stuck and subscriptions that never saw their verdict; all must be 0.
import { createClient, type Client as WsClient } from "graphql-ws";
import { Cluster } from "ioredis";
import WebSocket from "ws";
import { QUIET_STREAM_RECHECK_MS } from "../../src/modules/submissions/service.ts";
import { type RedisCluster, startRedisCluster } from "../../test/helpers/redis-cluster.ts";
import type { WriteLedger } from "./grader-process.ts";
import {
  countByStatus,
  DRILL_PREFIX,
  type Learner,
  openWorld,
  runBounded,
  signUp,
  sleep,
  startGrader,
  submit,
  type World,
  waitFor,
} from "./world.ts";

/** Full submissions, one every PACE_MS; every SAMPLES_EVERY-th is followed by a runSamples of its own. */
const SUBMISSIONS = 300;
const PACE_MS = 150;
const SAMPLES_EVERY = 10;
/**
 * Every FOLLOW_EVERY-th submission (of either kind) is followed by a submissionUpdated subscription; in the last
 * phase every one, so that the API's subscriber connection is subscribed (in pub/sub mode) most of the time.
 */
const FOLLOW_EVERY = 3;
const LEARNERS = 6;
/** In the last quarter, how often the API's pub/sub connection is cut (when it is subscribed to anything). */
const CUT_EVERY_MS = 250;
const GRADERS = 3;
/** After the last submission, how long the drill waits for every verdict and every subscription's last event. */
const SETTLE_TIMEOUT_MS = 180_000;
const RUN_TIMEOUT_MS = 12 * 60_000;
/** The queue's hash tag: every key of the queue hashes on it (src/redis.ts, queuePrefix). */
const QUEUE_HASH_TAG = `{${DRILL_PREFIX}}`;

type Phase = { name: string; ids: string[]; notes: string[] };

type Followed = {
  id: string;
  statuses: string[];
  finishedBy: "state" | "event" | null;
  /** When FINISHED arrived (Date.now()). */
  finishedAt: number | null;
  error: string | null;
};

/** A submissionUpdated subscription over graphql-ws, recording each status until FINISHED or an error. */
function follow(client: WsClient, id: string): { followed: Followed; done: Promise<void> } {
  const followed: Followed = { id, statuses: [], finishedBy: null, finishedAt: null, error: null };
  const done = new Promise<void>((resolve) => {
    client.subscribe<{ submissionUpdated: { status: string } }>(
      { query: "subscription($id: ID!) { submissionUpdated(id: $id) { status } }", variables: { id } },
      {
        next: (message) => {
          const status = message.data?.submissionUpdated.status;
          if (message.errors) followed.error = JSON.stringify(message.errors);
          if (!status) return;
          followed.statuses.push(status);
          // The first event is the state read when the stream opened; a later FINISHED came through pub/sub.
          if (status === "FINISHED") {
            followed.finishedBy = followed.statuses.length === 1 ? "state" : "event";
            followed.finishedAt = Date.now();
          }
        },
        error: (error: unknown) => {
          followed.error = error instanceof Error ? error.message : JSON.stringify(error);
          resolve();
        },
        complete: resolve,
      },
    );
  });
  return { followed, done };
}

/**
 * Writes a key in the queue's slot every 50 ms through a cluster client of its own and keeps the longest time
 * between two successful writes that began with `since`: how long the slot was unwritable around a fault.
 */
function probeSlot(cluster: RedisCluster) {
  const client = new Cluster(
    cluster.seedNodes.split(",").map((address) => ({ host: "127.0.0.1", port: Number(address.split(":")[1]) })),
    { retryDelayOnClusterDown: 100, retryDelayOnFailover: 100, redisOptions: { maxRetriesPerRequest: null } },
  );
  client.on("error", () => undefined);
  let running = true;
  let lastSuccess = Date.now();
  let longestGapMs = 0;
  const loop = (async () => {
    while (running) {
      try {
        await client.set(`${QUEUE_HASH_TAG}:drill-probe`, String(Date.now()), "PX", 5000);
        const now = Date.now();
        longestGapMs = Math.max(longestGapMs, now - lastSuccess);
        lastSuccess = now;
      } catch {
        // Counted as a gap until the next success.
      }
      await sleep(50);
    }
  })();
  return {
    /** The longest gap since the last call (then starts a new measurement). */
    takeLongestGapMs(): number {
      const gap = longestGapMs;
      longestGapMs = 0;
      return gap;
    },
    async stop() {
      running = false;
      await loop;
      client.disconnect();
    },
  };
}

/** Waits until `port` no longer masters the slot of the queue and every live node says cluster_state:ok. */
async function waitForNewOwner(cluster: RedisCluster, oldMaster: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const moved = await waitFor(async () => (await cluster.slotOwner(QUEUE_HASH_TAG)).master !== oldMaster, timeoutMs);
  if (!moved) throw new Error(`the queue's slot stayed on port ${oldMaster} for ${timeoutMs} ms`);
  await cluster.waitUntilOk(timeoutMs);
  return Date.now() - started;
}

type PhaseReport = {
  name: string;
  submitted: number;
  verdicts: number;
  gradedTwice: number;
  lost: number;
  stuck: number;
  followed: number;
  /** Subscriptions whose FINISHED came as an event (through pub/sub), not as the state read on opening. */
  viaEvent: number;
  /**
   * Of those, the ones whose FINISHED came over half the quiet re-check period after the verdict was written: its
   * event was lost or held up (a publish retried through a failover), and the stream's re-read of the row after
   * QUIET_STREAM_RECHECK_MS (src/modules/submissions/service.ts) may be what delivered it.
   */
  lateByRecheck: number;
  missedVerdictEvents: number;
  notes: string[];
};

/**
 * A submission without a verdict at the end is stuck while something would still grade it (a queue job waiting,
 * delayed or active, or a RUNNING row the sweeper will re-enqueue) and lost when nothing would.
 */
async function unfinishedKinds(world: World, ids: readonly string[]): Promise<{ lost: number; stuck: number }> {
  const rows = await world.db.submission.findMany({
    where: { id: { in: [...ids] }, status: { not: "FINISHED" } },
    select: { id: true, status: true },
  });
  let lost = 0;
  let stuck = 0;
  for (const row of rows) {
    const job = await world.services.gradeQueue.getJob(row.id).catch(() => undefined);
    const state = job ? await job.getState().catch(() => "unknown") : "missing";
    if (row.status === "RUNNING" || ["waiting", "delayed", "active", "prioritized"].includes(state)) stuck++;
    else lost++;
  }
  return { lost, stuck };
}

async function reportPhase(
  world: World,
  phase: Phase,
  ledger: WriteLedger,
  followed: readonly Followed[],
): Promise<PhaseReport> {
  const ids = new Set(phase.ids);
  const verdicts = await countByStatus(world.db, phase.ids, "FINISHED");
  const { lost, stuck } = await unfinishedKinds(world, phase.ids);
  const mine = followed.filter((entry) => ids.has(entry.id));
  const written = new Map(
    (
      await world.db.submission.findMany({
        where: { id: { in: mine.map((entry) => entry.id) } },
        select: { id: true, finishedAt: true },
      })
    ).map((row) => [row.id, row.finishedAt?.getTime() ?? null]),
  );
  const lateByRecheck = mine.filter((entry) => {
    const writtenAt = written.get(entry.id);
    return (
      entry.finishedBy === "event" &&
      entry.finishedAt !== null &&
      typeof writtenAt === "number" &&
      entry.finishedAt - writtenAt > QUIET_STREAM_RECHECK_MS / 2
    );
  }).length;
  return {
    name: phase.name,
    submitted: phase.ids.length,
    verdicts,
    gradedTwice: phase.ids.filter((id) => (ledger.get(id) ?? 0) > 1).length,
    lost,
    stuck,
    followed: mine.length,
    viaEvent: mine.filter((entry) => entry.finishedBy === "event").length,
    lateByRecheck,
    missedVerdictEvents: mine.filter((entry) => entry.finishedBy === null).length,
    notes: phase.notes,
  };
}

function printTable(reports: readonly PhaseReport[], extraFailures: readonly string[]): boolean {
  console.log(
    "\nphase (submissions made during it)        in   out  twice  lost  stuck  followed  via-event     late  missed",
  );
  let failed = extraFailures.length > 0;
  for (const report of reports) {
    const failures: string[] = [];
    if (report.lost > 0) failures.push(`${report.lost} lost`);
    if (report.stuck > 0) failures.push(`${report.stuck} stuck`);
    if (report.gradedTwice > 0) failures.push(`${report.gradedTwice} graded twice`);
    if (report.missedVerdictEvents > 0) failures.push(`${report.missedVerdictEvents} subscriptions never saw FINISHED`);
    failed ||= failures.length > 0;
    console.log(
      `${report.name.padEnd(40)} ${String(report.submitted).padStart(4)} ${String(report.verdicts).padStart(5)} ${String(report.gradedTwice).padStart(6)} ${String(report.lost).padStart(5)} ${String(report.stuck).padStart(6)} ${String(report.followed).padStart(9)} ${String(report.viaEvent).padStart(10)} ${String(report.lateByRecheck).padStart(8)} ${String(report.missedVerdictEvents).padStart(7)}`,
    );
    for (const note of report.notes) console.log(`    ${note}`);
    for (const failure of failures) console.log(`    FAILED: ${failure}`);
  }
  for (const failure of extraFailures) console.log(`FAILED: ${failure}`);
  const sum = (pick: (report: PhaseReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  console.log(
    `\n${failed ? "FAILED" : "OK"}: ${sum((r) => r.submitted)} submissions, ${sum((r) => r.lost)} lost, ${sum((r) => r.gradedTwice)} graded twice, ${sum((r) => r.stuck)} stuck, ${sum((r) => r.missedVerdictEvents)} of ${sum((r) => r.followed)} subscriptions missed their verdict`,
  );
  return failed;
}

export async function runClusterDrill(): Promise<number> {
  console.log("drill cluster: starting 3 masters + 3 replicas …");
  const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
  const { world, close } = await openWorld(
    async () => ({
      env: { REDIS_CLUSTER_NODES: cluster.seedNodes },
      stop: () => cluster.stop(),
    }),
    { apiLogLevel: "warn" },
  ).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  const sockets: WsClient[] = [];
  const probe = probeSlot(cluster);
  const closeAll = async () => {
    await Promise.allSettled(sockets.map((socket) => socket.dispose()));
    await probe.stop();
    await close();
  };
  const reports: PhaseReport[] = [];
  const extraFailures: string[] = [];
  const started = performance.now();
  const code = await runBounded("drill cluster", RUN_TIMEOUT_MS, closeAll, async () => {
    const ledger: WriteLedger = new Map();
    for (let index = 0; index < GRADERS; index++) startGrader(world, `grader-${index + 1}`, ledger);
    const learners: Learner[] = [];
    for (let index = 0; index < LEARNERS; index++) learners.push(await signUp(world, `cluster-${index}`));
    for (const learner of learners) {
      sockets.push(
        createClient({
          url: world.api.url.replace(/^http/, "ws"),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${learner.token}` },
          retryAttempts: 0,
        }),
      );
    }
    const owner = await cluster.slotOwner(QUEUE_HASH_TAG);
    const phases: Phase[] = [
      { name: "steady", ids: [], notes: [`queue slot ${QUEUE_HASH_TAG} on master :${owner.master}`] },
      { name: "CLUSTER FAILOVER of the queue's master", ids: [], notes: [] },
      { name: "queue's master SIGKILLed", ids: [], notes: [] },
      { name: "API's pub/sub connection cut (250 ms)", ids: [], notes: [] },
    ];
    const followed: Followed[] = [];
    const following: Promise<void>[] = [];
    let submitErrors = 0;
    const faults: Promise<void>[] = [];
    const submits: Promise<void>[] = [];
    const track = (phase: Phase, learnerIndex: number, id: string) => {
      phase.ids.push(id);
      const count = phases.reduce((total, each) => total + each.ids.length, 0);
      const socket = sockets[learnerIndex];
      if ((count % FOLLOW_EVERY === 0 || phase === phases[3]) && socket) {
        const subscription = follow(socket, id);
        followed.push(subscription.followed);
        following.push(subscription.done);
      }
    };
    const quarter = Math.floor(SUBMISSIONS / 4);
    for (let index = 0; index < SUBMISSIONS; index++) {
      const phase = phases[Math.min(3, Math.floor(index / quarter))] as Phase;
      if (index === quarter) {
        faults.push(
          (async () => {
            const { master, replicas } = await cluster.slotOwner(QUEUE_HASH_TAG);
            const replica = replicas[0];
            if (replica === undefined) throw new Error(`master :${master} has no replica`);
            probe.takeLongestGapMs();
            await cluster.command(replica, "CLUSTER", "FAILOVER");
            const ms = await waitForNewOwner(cluster, master, 30_000);
            // The probe's gap is read once writes have resumed for a while.
            await sleep(2000);
            phase.notes.push(
              `replica :${replica} took the slot over from :${master}: new owner and cluster_state:ok after ${ms} ms; slot unwritable for at most ${probe.takeLongestGapMs()} ms`,
            );
          })(),
        );
      }
      if (index === 3 * quarter) {
        faults.push(
          (async () => {
            // A connection is of type pubsub only while it is subscribed to something: the API's is between
            // streams at some tries.
            let cut = 0;
            let tries = 0;
            const until = Date.now() + quarter * 2 * PACE_MS;
            while (Date.now() < until) {
              tries++;
              for (const node of cluster.nodes) {
                if (node.process.exitCode !== null || node.process.signalCode !== null) continue;
                cut += Number(await cluster.command(node.port, "CLIENT", "KILL", "TYPE", "pubsub").catch(() => 0));
              }
              await sleep(CUT_EVERY_MS);
            }
            phase.notes.push(`${cut} pub/sub connections cut in ${tries} tries, one every ${CUT_EVERY_MS} ms`);
          })(),
        );
      }
      if (index === 2 * quarter) {
        faults.push(
          (async () => {
            const { master, replicas } = await cluster.slotOwner(QUEUE_HASH_TAG);
            await cluster.waitForOnlineReplica(master, 30_000);
            probe.takeLongestGapMs();
            await cluster.kill(master);
            const ms = await waitForNewOwner(cluster, master, 60_000);
            const { master: promoted } = await cluster.slotOwner(QUEUE_HASH_TAG);
            await sleep(2000);
            phase.notes.push(
              `master :${master} SIGKILLed; replica :${promoted} (of ${replicas.map((port) => `:${port}`).join(",")}) promoted, cluster_state:ok after ${ms} ms (node timeout 2000 ms); slot unwritable for at most ${probe.takeLongestGapMs()} ms`,
            );
          })(),
        );
      }
      const learnerIndex = index % LEARNERS;
      const learner = learners[learnerIndex] as Learner;
      const submitting = submit(world, learner, `cluster-${index}`).then(
        (id) => track(phase, learnerIndex, id),
        (error: unknown) => {
          submitErrors++;
          phase.notes.push(`submit ${index} refused: ${String(error).slice(0, 160)}`);
        },
      );
      submits.push(submitting);
      if (index % SAMPLES_EVERY === 0) {
        const sampling = submit(world, learner, `cluster-samples-${index}`, "runSamples").then(
          (id) => track(phase, learnerIndex, id),
          (error: unknown) => {
            submitErrors++;
            phase.notes.push(`runSamples ${index} refused: ${String(error).slice(0, 160)}`);
          },
        );
        submits.push(sampling);
      }
      await Promise.race([submitting, sleep(PACE_MS)]);
      await sleep(PACE_MS);
    }
    await Promise.all([...faults, ...submits]);
    const all = () => phases.flatMap((phase) => phase.ids);
    const submittedSeconds = (performance.now() - started) / 1000;
    await waitFor(async () => (await countByStatus(world.db, all(), "FINISHED")) === all().length, SETTLE_TIMEOUT_MS);
    await Promise.race([Promise.all(following), sleep(15_000)]);
    for (const phase of phases) reports.push(await reportPhase(world, phase, ledger, followed));
    if (submitErrors > 0) extraFailures.push(`${submitErrors} submissions refused by the API`);
    for (const entry of followed.filter((each) => each.error)) {
      extraFailures.push(`subscription to ${entry.id} failed: ${entry.error}`);
    }
    // Progress counts one attempt per full verdict (runSamples counts none), whatever the failovers did.
    const fullVerdicts = await world.db.submission.count({
      where: { id: { in: all() }, status: "FINISHED", mode: "FULL" },
    });
    const attempts = await world.db.progress.aggregate({
      where: { userId: { in: learners.map((learner) => learner.id) } },
      _sum: { attempts: true },
    });
    if ((attempts._sum.attempts ?? 0) !== fullVerdicts) {
      extraFailures.push(`progress counted ${attempts._sum.attempts ?? 0} attempts for ${fullVerdicts} full verdicts`);
    }
    const notAccepted = await world.db.submission.count({
      where: { id: { in: all() }, status: "FINISHED", verdict: { not: "ACCEPTED" } },
    });
    if (notAccepted > 0) extraFailures.push(`${notAccepted} correct solutions not ACCEPTED`);
    console.log(
      `drill cluster: ${all().length} submissions in ${submittedSeconds.toFixed(1)} s, all settled after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await Promise.all(world.graders.splice(0).map((grader) => grader.stop()));
    return 0;
  });
  // Nothing of the cluster may outlive the drill (its config directory included).
  const leftover = cluster.nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null);
  if (leftover.length > 0) extraFailures.push(`${leftover.length} redis-server processes still running`);
  const failed = printTable(reports, extraFailures);
  const logged = world.logTally.lines();
  console.log(logged.length === 0 ? "warnings logged: none" : "warnings logged (API and graders):");
  for (const line of logged) console.log(`    ${line}`);
  return failed ? 1 : code;
}
