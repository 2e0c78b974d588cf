import { afterAll, beforeAll, describe, expect } from "@jest/globals";
import { queryRows } from "../../src/db.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { getKernel } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { itWhen } from "../helpers/capabilities.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { RUN_SAMPLES, startTestGrader, submitCode, waitForVerdict } from "../helpers/grading.ts";
import { PGBOUNCER, type RunningPgBouncer, startPgBouncer } from "../helpers/pgbouncer.ts";

// The API and the grader run with DATABASE_URL on a real PgBouncer in transaction mode whose server pool (2) is
// smaller than the API's client pool (5): every statement of both paths (Prisma through @prisma/adapter-pg, and
// queryRows straight on node-postgres) shares two server connections with whatever else is running.
const SERVER_POOL = 2;

const itWithPgBouncer = itWhen({
  present: PGBOUNCER !== undefined,
  required: process.env.PGBOUNCER_TESTS_REQUIRED === "true",
  missing: "pgbouncer",
});

let bouncer: RunningPgBouncer | undefined;
let t: TestApi;
let grader: RunningGrader;
let slug: string;

beforeAll(async () => {
  if (!PGBOUNCER) return;
  const upstream = new URL(testDatabaseUrl());
  bouncer = await startPgBouncer(
    upstream,
    { dojo: { dbname: upstream.pathname.slice(1) } },
    { defaultPoolSize: SERVER_POOL, maxClientConn: 100 },
  );
  t = await startTestApi({
    DATABASE_URL: bouncer.url("dojo"),
    DATABASE_POOL_SIZE: "5",
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    SUBMIT_RATE_LIMIT_PER_MINUTE: "1000",
  });
  grader = await startTestGrader(t);
  slug = await createCodingQuestion(t.db, "softmax");
}, 60_000);

afterAll(async () => {
  await grader?.close();
  await t?.close();
  await bouncer?.close();
});

describe("the API and a grader through PgBouncer in transaction mode", () => {
  itWithPgBouncer(
    "signs up, grades a correct solution ACCEPTED, and shows progress and the leaderboard",
    async () => {
      const learner = await signUpUser(t);
      const id = await submitCode(t, learner.token, slug, getKernel("softmax")?.solutionCode ?? "");
      const verdict = await waitForVerdict(t, id, learner.token, 60_000);
      expect(verdict.verdict).toBe("ACCEPTED");

      const progress = await t.gql<{ myProgress: { solved: number } }>("{ myProgress { solved } }", {}, learner.token);
      expect(progress.errors).toBeUndefined();
      expect(progress.data?.myProgress.solved).toBe(1);
      const board = await t.gql<{ leaderboard: { handle: string; solved: number }[] }>(
        "{ leaderboard(period: ALL, first: 100) { rank handle solved } }",
      );
      expect(board.errors).toBeUndefined();
      expect(board.data?.leaderboard).toContainEqual(expect.objectContaining({ handle: learner.handle, solved: 1 }));

      const samples = await t.gql<{ runSamples: { id: string; mode: string } }>(
        RUN_SAMPLES,
        { input: { slug, language: "TYPESCRIPT", code: getKernel("softmax")?.solutionCode ?? "" } },
        learner.token,
      );
      expect(samples.data?.runSamples.mode).toBe("SAMPLES");
      const sampleVerdict = await waitForVerdict(t, samples.data?.runSamples.id ?? "", learner.token, 60_000);
      expect(sampleVerdict.verdict).toBe("ACCEPTED");
    },
    120_000,
  );

  itWithPgBouncer(
    "queues more statements than its server pool holds, on both paths, and loses none",
    async () => {
      // 12 direct statements and 6 Prisma transactions at once, from a client pool of 5, over 2 server connections:
      // PgBouncer makes the rest wait for a connection instead of refusing them.
      const direct = Array.from({ length: 12 }, (_, index) =>
        queryRows<{ pid: number; n: number }>(
          t.db,
          Prisma.sql`SELECT pg_backend_pid() AS pid, ${index}::int AS n FROM pg_sleep(0.05)`,
        ),
      );
      const transactions = Array.from({ length: 6 }, (_, index) =>
        t.db.$transaction(async (tx) => {
          // A transaction-scoped lock and a read in one transaction: both on the one server connection it holds.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pgbouncer-test:${index}`}))`;
          const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          return row?.pid;
        }),
      );
      const directRows = (await Promise.all(direct)).map(([row]) => row);
      const transactionPids = await Promise.all(transactions);
      expect(directRows.map((row) => row?.n)).toEqual(Array.from({ length: 12 }, (_, index) => index));
      const serverPids = new Set([...directRows.map((row) => row?.pid), ...transactionPids]);
      expect(serverPids.size).toBeLessThanOrEqual(SERVER_POOL);

      const pools = await bouncer?.admin("SHOW POOLS");
      const pool = pools?.find((row) => row.database === "dojo");
      expect(Number(pool?.sv_active) + Number(pool?.sv_idle) + Number(pool?.sv_used)).toBeLessThanOrEqual(SERVER_POOL);
    },
    60_000,
  );

  itWithPgBouncer("names each role's connections in pg_stat_activity through PgBouncer", async () => {
    const [row] = await queryRows<{ name: string }>(
      t.db,
      Prisma.sql`SELECT current_setting('application_name') AS name`,
    );
    expect(row?.name).toBe("dojo-api-test");
  });
});
