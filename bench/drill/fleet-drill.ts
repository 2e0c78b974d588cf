// `npm run drill -- fleet`: three API processes behind a real haproxy on loopback, three graders, one private
// database and Redis, and 50 learners with graphql-ws subscriptions. Checks that
//   (a) a subscription on one API receives the verdict of a submission made through another,
//   (b) SIGKILL of one API mid-load loses no submission, and its clients reconnect and see the current state,
//   (c) the per-user submit limit and the per-IP anonymous limit hold across the APIs (shared in Redis), not
//       three times over, with the client's address taken from haproxy's X-Forwarded-For.
// Prints one table and exits non-zero on any failure; removes its processes, files, database and Redis.

import { randomBytes } from "node:crypto";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { type OwnedServices, openServices } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { createCodingQuestion } from "../../test/helpers/fixtures.ts";
import { createPrivateDatabase, dropDatabase } from "../database.ts";
import { ApiProcess } from "./api-process.ts";
import { GraderProcess, type WriteLedger } from "./grader-process.ts";
import { startHaproxy } from "./haproxy.ts";
import { type GraphqlReply, postFrom } from "./http-from.ts";
import { freePort, startPrivateRedis } from "./private-redis.ts";

const KERNEL = "matmul";
const APIS = 3;
const GRADERS = 3;
const LEARNERS = 50;
const SUBMISSIONS_PER_LEARNER = 4;
/** The API is killed once this share of the load's submissions was acknowledged. */
const KILL_AFTER_SHARE = 1 / 3;
const SUBMIT_LIMIT = 10;
const SUBMIT_SPRAY = 30;
const ANON_LIMIT = 20;
const ANON_SPRAY = 60;
const SOCKET_LIMIT = 4;
const SOCKET_SPRAY = 9;
const VERDICT_TIMEOUT_MS = 180_000;
const RUN_TIMEOUT_MS = 10 * 60_000;

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
const SUBMIT = `mutation($input: SubmitSolutionInput!) { submitSolution(input: $input) { id } }`;
const SUBMISSION = `query($id: ID!) { submission(id: $id) { id status verdict } }`;
const UPDATES = `subscription($id: ID!) { submissionUpdated(id: $id) { id status verdict } }`;

type Learner = { id: string; token: string; address: string };
type Event = { status: string; verdict: string | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorCode(reply: GraphqlReply<unknown>): string {
  return String(reply.body.errors?.[0]?.extensions?.code ?? reply.body.errors?.[0]?.message ?? `HTTP ${reply.status}`);
}

async function signUp(url: string, address: string): Promise<Learner> {
  const suffix = `fleet_${randomBytes(4).toString("hex")}`;
  const input = { email: `${suffix}@drill.invalid`, handle: suffix, password: "drill password 1" };
  const reply = await postFrom<{ signUp: { token: string; user: { id: string } } }>(
    url,
    SIGN_UP,
    { input },
    {
      localAddress: address,
    },
  );
  const data = reply.body.data?.signUp;
  if (!data) throw new Error(`signUp from ${address} failed: ${JSON.stringify(reply.body.errors)}`);
  return { id: data.user.id, token: data.token, address };
}

function solution(label: string): string {
  return `${getKernel(KERNEL)?.solutionCode ?? ""}\n// fleet ${label}\n`;
}

function submitOnce(url: string, learner: Learner, slug: string, label: string) {
  const input = { slug, language: "TYPESCRIPT", code: solution(label) };
  return postFrom<{ submitSolution: { id: string } }>(
    url,
    SUBMIT,
    { input },
    {
      token: learner.token,
      localAddress: learner.address,
    },
  );
}

/** A graphql-ws client; through haproxy it reconnects (and graphql-ws resubscribes) when its API dies. */
function wsClient(url: string, learner: Learner, onReconnect: () => void): Client {
  return createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${learner.token}` },
    lazy: false,
    onNonLazyError: () => undefined,
    retryAttempts: 20,
    retryWait: async (retries) => {
      await sleep(Math.min(2000, 200 * 2 ** retries));
    },
    // A socket cut by a killed API closes with 1006, which graphql-ws retries; retry every other failure too.
    shouldRetry: () => true,
    on: { connected: (_socket, _payload, wasRetry) => wasRetry && onReconnect() },
  });
}

/** Collects submissionUpdated events until FINISHED (resolves true), an error, or the timeout (false). */
function watch(client: Client, id: string, events: Event[], timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = client.subscribe<{ submissionUpdated: Event }>(
      { query: UPDATES, variables: { id } },
      {
        next: (result) => {
          const event = result.data?.submissionUpdated;
          if (!event) return;
          events.push(event);
          if (event.status === "FINISHED") {
            clearTimeout(timer);
            unsubscribe();
            resolve(true);
          }
        },
        error: () => {
          clearTimeout(timer);
          resolve(false);
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events.at(-1)?.status === "FINISHED");
        },
      },
    );
  });
}

type Fleet = {
  services: OwnedServices;
  slug: string;
  apis: ApiProcess[];
  balancerUrl: string;
  graderEnv: NodeJS.ProcessEnv;
  graders: GraderProcess[];
  ledger: WriteLedger;
  clients: Client[];
};

type Report = {
  rows: [string, string, boolean][];
};

function check(report: Report, label: string, value: string, ok: boolean): void {
  report.rows.push([label, value, ok]);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

/** (a): graders are not running yet, so the verdict can only reach the other API's subscription as an event. */
async function crossInstance(fleet: Fleet, report: Report, tracked: Set<string>): Promise<void> {
  const witness = await signUp(fleet.balancerUrl, "127.0.2.1");
  const watches: { events: Event[]; done: Promise<boolean> }[] = [];
  for (let index = 0; index < APIS; index++) {
    const through = fleet.apis[index] as ApiProcess;
    const on = fleet.apis[(index + 1) % APIS] as ApiProcess;
    const reply = await submitOnce(through.url, witness, fleet.slug, `cross-${index}`);
    const id = reply.body.data?.submitSolution.id;
    if (!id) throw new Error(`submit through ${through.name} failed: ${errorCode(reply)}`);
    tracked.add(id);
    const client = createClient({
      url: on.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${witness.token}` },
      retryAttempts: 0,
    });
    fleet.clients.push(client);
    const events: Event[] = [];
    watches.push({ events, done: watch(client, id, events, VERDICT_TIMEOUT_MS) });
  }
  // Every subscription has its first event (the current state, QUEUED) before a grader exists.
  await waitFor(async () => watches.every((w) => w.events.length > 0), 30_000);
  for (let index = 0; index < GRADERS; index++) {
    fleet.graders.push(new GraderProcess(`grader-${index}`, fleet.graderEnv, fleet.ledger));
  }
  await Promise.all(watches.map((w) => w.done));
  const pushed = watches.filter(
    (w) => w.events[0]?.status !== "FINISHED" && w.events.at(-1)?.status === "FINISHED",
  ).length;
  const received = watches.reduce((sum, w) => sum + Math.max(0, w.events.length - 1), 0);
  check(
    report,
    "cross-instance verdicts",
    `${pushed} of ${APIS} (submitted on api N, FINISHED pushed on api N+1; ${received} events after the first)`,
    pushed === APIS,
  );
}

/** (c): one learner sprays submits over every API at once; one address sprays anonymous reads through haproxy. */
async function limits(fleet: Fleet, report: Report, tracked: Set<string>): Promise<void> {
  const sprayer = await signUp(fleet.balancerUrl, "127.0.2.2");
  const replies = await Promise.all(
    Array.from({ length: SUBMIT_SPRAY }, (_, index) =>
      submitOnce((fleet.apis[index % APIS] as ApiProcess).url, sprayer, fleet.slug, `spray-${index}`).then((reply) => ({
        reply,
        api: index % APIS,
      })),
    ),
  );
  /** Which API accepted them: whichever reached Redis first, so not necessarily all three. */
  const acceptedBy = Array.from({ length: APIS }, () => 0);
  let accepted = 0;
  let limited = 0;
  for (const { reply, api } of replies) {
    const id = reply.body.data?.submitSolution.id;
    if (id) {
      accepted++;
      acceptedBy[api] = (acceptedBy[api] ?? 0) + 1;
      tracked.add(id);
    } else if (errorCode(reply) === "RATE_LIMITED") limited++;
  }
  check(
    report,
    "per-user submit limit",
    `${accepted} accepted (${acceptedBy.join("+")} by api0..${APIS - 1}), ${limited} RATE_LIMITED of ${SUBMIT_SPRAY} over ${APIS} APIs (limit ${SUBMIT_LIMIT}/min)`,
    accepted === SUBMIT_LIMIT && limited === SUBMIT_SPRAY - SUBMIT_LIMIT,
  );

  // Each request claims another address in X-Forwarded-For; haproxy appends the real one, which is what counts.
  const anonymous = await Promise.all(
    Array.from({ length: ANON_SPRAY }, (_, index) =>
      postFrom(
        fleet.balancerUrl,
        "{ __typename }",
        {},
        {
          localAddress: "127.0.3.1",
          headers: { "x-forwarded-for": `198.51.100.${index + 1}` },
        },
      ),
    ),
  );
  const served = anonymous.filter((reply) => reply.status === 200).length;
  const refused = anonymous.filter((reply) => reply.status === 429).length;
  const servers = new Set(anonymous.map((reply) => reply.servedBy)).size;
  const other = await postFrom(fleet.balancerUrl, "{ __typename }", {}, { localAddress: "127.0.3.2" });
  check(
    report,
    "per-IP anonymous limit",
    `${served} served, ${refused} HTTP 429 of ${ANON_SPRAY} over ${servers} APIs (limit ${ANON_LIMIT}/min); another address: ${other.status}`,
    served === ANON_LIMIT && refused === ANON_SPRAY - ANON_LIMIT && servers === APIS && other.status === 200,
  );
}

/** Whether a socket was accepted (graphql-ws's ack) or closed, and with which code. */
function socketOutcome(url: string, learner: Learner): Promise<{ client: Client; outcome: string }> {
  return new Promise((resolve) => {
    const client = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${learner.token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve({ client, outcome: "open" }),
        closed: (event) => resolve({ client, outcome: String((event as { code?: number }).code ?? "closed") }),
      },
    });
    setTimeout(() => resolve({ client, outcome: "no answer" }), 30_000).unref();
  });
}

/** (c) for sockets: one user opens sockets on every API at once; the cap is the fleet's, not each API's. */
async function socketCap(fleet: Fleet, report: Report): Promise<void> {
  const learner = await signUp(fleet.balancerUrl, "127.0.2.3");
  const outcomes = await Promise.all(
    Array.from({ length: SOCKET_SPRAY }, (_, index) =>
      socketOutcome((fleet.apis[index % APIS] as ApiProcess).url, learner),
    ),
  );
  fleet.clients.push(...outcomes.map(({ client }) => client));
  const open = outcomes.filter(({ outcome }) => outcome === "open").length;
  const refused = outcomes.filter(({ outcome }) => outcome === "4403").length;
  check(
    report,
    "per-user socket cap",
    `${open} open, ${refused} closed 4403 of ${SOCKET_SPRAY} over ${APIS} APIs (limit ${SOCKET_LIMIT})`,
    open === SOCKET_LIMIT && refused === SOCKET_SPRAY - SOCKET_LIMIT,
  );
  await Promise.all(outcomes.map(({ client }) => client.dispose()));
}

/** (b): learners submit through haproxy and follow each verdict over their socket; one API is killed mid-load. */
async function loadWithKill(fleet: Fleet, report: Report, tracked: Set<string>): Promise<string[]> {
  const learners: Learner[] = [];
  for (let start = 0; start < LEARNERS; start += 10) {
    const batch = Array.from({ length: Math.min(10, LEARNERS - start) }, (_, offset) =>
      signUp(fleet.balancerUrl, `127.0.1.${start + offset + 1}`),
    );
    learners.push(...(await Promise.all(batch)));
  }
  let reconnects = 0;
  const clients = learners.map((learner) => wsClient(fleet.balancerUrl, learner, () => reconnects++));
  fleet.clients.push(...clients);

  const total = LEARNERS * SUBMISSIONS_PER_LEARNER;
  const victim = fleet.apis[APIS - 1] as ApiProcess;
  let acknowledged = 0;
  let killedAt = -1;
  let submitRetries = 0;
  let verdictsOverSocket = 0;
  /** In the order the replies came, learners interleaved. */
  const acknowledgedIds: { id: string; learner: Learner }[] = [];
  const killOnce = async () => {
    if (killedAt >= 0 || acknowledged < total * KILL_AFTER_SHARE) return;
    killedAt = acknowledged;
    await victim.kill();
  };

  const learnerRun = async (learner: Learner, index: number) => {
    const client = clients[index] as Client;
    for (let round = 0; round < SUBMISSIONS_PER_LEARNER; round++) {
      let id: string | undefined;
      // A submit in flight on the killed API gets a 502 or a cut connection; a client tries again.
      for (let attempt = 0; attempt < 10 && !id; attempt++) {
        if (attempt > 0) {
          submitRetries++;
          await sleep(300);
        }
        const reply = await submitOnce(fleet.balancerUrl, learner, fleet.slug, `load-${index}-${round}`).catch(
          () => null,
        );
        id = reply?.body.data?.submitSolution.id;
      }
      if (!id) throw new Error(`learner ${index} could not submit through haproxy in 10 attempts`);
      tracked.add(id);
      acknowledgedIds.push({ id, learner });
      acknowledged++;
      await killOnce();
      if (await watch(client, id, [], VERDICT_TIMEOUT_MS)) verdictsOverSocket++;
    }
  };
  await Promise.all(learners.map(learnerRun));

  // The current state after the reconnects, asked of the surviving APIs.
  let finishedOnQuery = 0;
  for (const { id, learner } of acknowledgedIds) {
    const reply = await postFrom<{ submission: Event | null }>(
      fleet.balancerUrl,
      SUBMISSION,
      { id },
      {
        token: learner.token,
        localAddress: learner.address,
      },
    ).catch(() => null);
    if (reply?.body.data?.submission?.status === "FINISHED") finishedOnQuery++;
  }
  check(report, "API SIGKILLed", `${victim.name} after ${killedAt} of ${total} acknowledged`, killedAt >= 0);
  check(report, "sockets reconnected", `${reconnects} (graphql-ws retry through haproxy)`, reconnects > 0);
  check(report, "verdicts over WebSocket", `${verdictsOverSocket} of ${acknowledged}`, verdictsOverSocket === total);
  check(
    report,
    "state queried after the kill",
    `${finishedOnQuery} of ${acknowledged} FINISHED (submission(id) through haproxy)`,
    finishedOnQuery === total,
  );
  check(report, "submit retries after the kill", String(submitRetries), true);
  return acknowledgedIds.map(({ id }) => id);
}

async function counts(fleet: Fleet, report: Report, tracked: Set<string>, loadIds: string[]): Promise<void> {
  const db = fleet.services.db;
  const ids = [...tracked];
  await waitFor(
    async () => (await db.submission.count({ where: { status: { not: "FINISHED" } } })) === 0,
    VERDICT_TIMEOUT_MS,
  );
  const rows = await db.submission.findMany({ select: { id: true, status: true, verdict: true } });
  const finished = new Map(rows.filter((row) => row.status === "FINISHED").map((row) => [row.id, row.verdict]));
  const lost = ids.filter((id) => !finished.has(id)).length;
  const stuck = rows.length - finished.size;
  const twice = [...fleet.ledger.values()].filter((writes) => writes > 1).length;
  const verdicts: Record<string, number> = {};
  for (const verdict of finished.values()) verdicts[String(verdict)] = (verdicts[String(verdict)] ?? 0) + 1;
  const acceptedAll = (verdicts.ACCEPTED ?? 0) === finished.size;
  check(report, "submitted (acknowledged)", `${ids.length} (${loadIds.length} in the load)`, true);
  check(
    report,
    "submission rows",
    `${rows.length} (${rows.length - ids.length} whose reply the kill cut: not acknowledged, graded all the same)`,
    rows.length >= ids.length,
  );
  check(
    report,
    "verdicts",
    Object.entries(verdicts)
      .map(([name, count]) => `${name}:${count}`)
      .join(" "),
    acceptedAll,
  );
  check(report, "lost", String(lost), lost === 0);
  check(report, "graded twice", String(twice), twice === 0);
  check(report, "stuck", String(stuck), stuck === 0);
}

async function openFleet(cleanups: (() => Promise<void>)[]): Promise<Fleet> {
  const serverUrl =
    process.env.DRILL_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createPrivateDatabase(serverUrl, `infra_dojo_fleet_${process.pid}`);
  cleanups.push(() => dropDatabase(databaseUrl));
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.crash());
  const shared: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: "fleet",
    LOG_LEVEL: "error",
  };
  const services = openServices(loadConfig({ ...process.env, ...shared, PORT: "0", LOG_LEVEL: "silent" }), "fleet");
  cleanups.push(() => services.close());
  const slug = await createCodingQuestion(services.db, KERNEL, { timeLimitMs: 4000, memoryLimitMb: 128 });
  const apiEnv: NodeJS.ProcessEnv = {
    ...shared,
    TRUST_PROXY: "1",
    SUBMIT_RATE_LIMIT_PER_MINUTE: String(SUBMIT_LIMIT),
    ANON_RATE_LIMIT_PER_MINUTE: String(ANON_LIMIT),
    WS_MAX_SOCKETS_PER_USER: String(SOCKET_LIMIT),
  };
  const apis: ApiProcess[] = [];
  const graders: GraderProcess[] = [];
  const clients: Client[] = [];
  // Closed in reverse order: clients, haproxy, then graders and APIs, which hold connections to the database.
  cleanups.push(async () => {
    await Promise.all(graders.map((grader) => grader.kill()));
    await Promise.all(apis.map((api) => api.kill()));
  });
  for (let index = 0; index < APIS; index++) apis.push(new ApiProcess(`api${index}`, await freePort(), apiEnv));
  await Promise.all(apis.map((api) => api.ready(60_000)));
  const balancer = await startHaproxy(
    await freePort(),
    apis.map((api) => ({ name: api.name, port: api.port })),
  );
  cleanups.push(() => balancer.stop());
  // Before haproxy stops, or the learners' clients would go on retrying against a closed port.
  cleanups.push(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });
  // Until haproxy's checks have marked every API up, round-robin skips some.
  const readyz = balancer.url.replace(/\/graphql$/, "/readyz");
  const seen = new Set<string>();
  await waitFor(async () => {
    const response = await fetch(readyz);
    seen.add(response.headers.get("x-served-by") ?? "");
    return seen.size === APIS;
  }, 30_000);
  return {
    services,
    slug,
    apis,
    balancerUrl: balancer.url,
    graderEnv: {
      ...shared,
      LOG_LEVEL: "info",
      GRADER_CONCURRENCY: "2",
      GRADER_METRICS_PORT: "0",
      GRADER_LOCK_MS: "5000",
      SWEEP_INTERVAL_MS: "1000",
    },
    graders,
    ledger: new Map(),
    clients,
  };
}

export async function runFleetDrill(): Promise<number> {
  const cleanups: (() => Promise<void>)[] = [];
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
    })();
    return closed;
  };
  const hardStop = setTimeout(() => {
    console.error(`fleet drill: over ${RUN_TIMEOUT_MS / 60_000} min, stopping`);
    void close().finally(() => process.exit(2));
  }, RUN_TIMEOUT_MS);
  const stopOnSignal = () => void close().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  const started = performance.now();
  const report: Report = { rows: [] };
  const tracked = new Set<string>();
  try {
    const fleet = await openFleet(cleanups);
    console.log(`fleet drill: ${APIS} APIs behind haproxy, ${GRADERS} graders, ${LEARNERS} learners …`);
    await crossInstance(fleet, report, tracked);
    await limits(fleet, report, tracked);
    await socketCap(fleet, report);
    const loadIds = await loadWithKill(fleet, report, tracked);
    await counts(fleet, report, tracked, loadIds);
  } catch (error) {
    console.error(error);
    check(report, "drill ran to the end", String(error instanceof Error ? error.message : error), false);
  } finally {
    clearTimeout(hardStop);
    await close();
  }
  console.log("\ncheck                              result");
  for (const [label, value, ok] of report.rows) {
    console.log(`${label.padEnd(34)} ${ok ? "" : "FAILED "}${value}`);
  }
  const failed = report.rows.filter(([, , ok]) => !ok).length;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`\n${failed > 0 ? `FAILED: ${failed} checks` : "OK"} (${seconds} s)`);
  return failed > 0 ? 1 : 0;
}
