import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import pg from "pg";
import { getKernel } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT, startTestGrader, waitForVerdict } from "../helpers/grading.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";
import { createTcpForwarder, type TcpForwarder } from "../helpers/tcp-forwarder.ts";

let t: TestApi;
let forwarder: TcpForwarder;
let grader: RunningGrader | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  const database = new URL(t.config.DATABASE_URL);
  forwarder = await createTcpForwarder(Number(database.port || 5432), database.hostname);
});
afterAll(async () => {
  await grader?.close();
  await forwarder.close();
  await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t.close();
});

describe("the forwarder standing in for the database", () => {
  it("is reached whatever host the database URL names (under Compose it is postgres, not 127.0.0.1)", async () => {
    const elsewhere = new URL(t.config.DATABASE_URL);
    elsewhere.hostname = "postgres.invalid";
    const through = new URL(forwarder.urlThrough(elsewhere.toString()));
    expect({ host: through.hostname, port: through.port }).toEqual({ host: "127.0.0.1", port: String(forwarder.port) });
    expect({ user: through.username, password: through.password, database: through.pathname }).toEqual({
      user: elsewhere.username,
      password: elsewhere.password,
      database: elsewhere.pathname,
    });

    // Open, it reaches the real database.
    await forwarder.open();
    const client = new pg.Client({ connectionString: forwarder.urlThrough(t.config.DATABASE_URL) });
    try {
      await client.connect();
      expect((await client.query("SELECT current_database() AS name")).rows[0].name).toBe(
        new URL(t.config.DATABASE_URL).pathname.slice(1),
      );
    } finally {
      await client.end();
      await forwarder.close();
    }
  });
});

describe("a grader whose database does not answer", () => {
  it("takes no job until the database answers, then grades it", async () => {
    const slug = await createCodingQuestion(t.db, "softmax");
    const learner = await signUpUser(t);
    const input = { slug, language: "TYPESCRIPT", code: getKernel("softmax")?.solutionCode ?? "" };
    const submitted = await t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token);
    const id = submitted.data?.submitSolution.id ?? "";
    expect(id).not.toBe("");

    // The grader's database address is the forwarder, closed for now: connections are refused.
    const database = forwarder.urlThrough(t.config.DATABASE_URL);
    grader = await startTestGrader(t, { DATABASE_URL: database, GRADER_HEALTH_CHECK_MS: "100" });
    const running = grader;
    for (let attempt = 0; attempt < 200 && running.dependencies() === null; attempt++) await sleep(25);
    expect(running.dependencies()).toEqual({ postgres: "down", redis: "ok" });
    expect(running.takingJobs()).toBe(false);

    // Several checks later the job is still waiting: no attempt was made.
    const job = await t.services.gradeQueue.getJob(id);
    for (let check = 0; check < 10; check++) {
      await sleep(100);
      expect(await job?.getState()).toBe("waiting");
    }
    expect((await t.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("QUEUED");

    await forwarder.open();
    const verdict = await waitForVerdict(t, id, learner.token);
    expect(verdict.verdict).toBe("ACCEPTED");
    expect(running.takingJobs()).toBe(true);
    expect((await t.db.submission.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
    // A grader starts its executors, type checker and Python runtime first: 44 s on two cores at a load of 20.
  }, 120_000);
});
