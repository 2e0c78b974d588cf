import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  captureStatements,
  hotContext,
  hotOperations,
  planStatements,
  post,
  type StatementPlan,
} from "../../bench/hot-operations.ts";
import { generateScaleData, type ScaleSizes } from "../../bench/scale-data.ts";
import { CONTENT_DIR, PROBLEMS_DIR } from "../../seed/load-content.ts";
import { runSeed } from "../../seed/run-seed.ts";
import { startApiServer } from "../../src/app/server.ts";
import { openServices } from "../../src/app/services.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { createDb } from "../../src/db.ts";
import { testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/scratch-database.ts";

// The query plans of the API's hot operations (bench/hot-operations.ts, the ones `npm run bench -- scale` times) on a
// generated set large enough for the planner to prefer an index where one serves (tens of thousands of submissions,
// progress rows and review cards, after ANALYZE): no sequential scan of the big tables, and each hot read uses the
// index it was built for. Plans only: nothing here depends on the machine's speed.

const SIZES: ScaleSizes = {
  learners: 3_000,
  heavyLearners: 30,
  heavySubmissions: 200,
  submissionsPerLearner: 9,
  cardsPerLearner: 20,
  questions: 600,
};
/** Never scanned whole on a hot path (each holds tens of thousands of rows here, millions in production). */
const BIG = ["Submission", "Progress", "ReviewCard", "EarnedSolve", "ActivityDay", "AuthToken", "QuestionSearchWord"];
/** Each hot read and the index that serves it. */
const INDEX_OF: Record<string, string[]> = {
  "leaderboard(WEEK, first: 20)": ["EarnedSolve_solvedAt_userId_idx"],
  "leaderboard(ALL, first: 20)": ["LeaderboardStanding_solved_lastSolvedAt_idx"],
  "mySubmissions(first: 20)": ["Submission_userId_createdAt_idx"],
  "mySubmissions next page": ["Submission_userId_createdAt_idx"],
  "reviewQueue(limit: 20)": ["ReviewCard_userId_due_idx"],
  myProgress: ["Progress_userId_status_idx", "ReviewCard_userId_questionId_key", "ActivityDay_pkey"],
  "catalogue page, signed in": ["Progress_userId_status_idx", "AuthToken_tokenHash_key"],
  "track(slug) with progress": ["Progress_userId_questionId_key"],
  // Search reads the words index (the words holding the term, then their postings), never the questions' text.
  "search (zh: 注意力)": ["SearchWord_word_trgm_idx", "QuestionSearchWord_wordId_questionId_occurrences_idx"],
  "search (en: attention)": ["SearchWord_word_trgm_idx", "QuestionSearchWord_wordId_questionId_occurrences_idx"],
};

let scratch: ScratchDatabase;
let config: Config;
let plans: StatementPlan[];

beforeAll(async () => {
  scratch = await createScratchDatabase("hot_plans");
  const db = createDb({ url: scratch.url });
  try {
    const seeded = await runSeed({ db, dir: CONTENT_DIR, problemsDirs: [PROBLEMS_DIR] });
    if (seeded.failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify(seeded.failed)}`);
  } finally {
    await db.$disconnect();
  }
  await generateScaleData(scratch.url, SIZES);
  config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: scratch.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix("plans"),
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    PUBLIC_CACHE_TTL_MS: "0",
  });
  const { context, cursors } = await hotContext(scratch.url, SIZES);
  const operations = hotOperations(context);
  // The next page needs a cursor from the first one.
  const services = openServices(config, "hot-plans");
  const api = await startApiServer(services);
  try {
    const first = operations.find((operation) => operation.name === "mySubmissions(first: 20)");
    if (!first) throw new Error("no mySubmissions operation");
    const page = await post(api.url, first, 0);
    const submissions = page.data?.mySubmissions as { pageInfo: { endCursor: string } } | undefined;
    if (!submissions) throw new Error("no first page of submissions");
    cursors.set(1, submissions.pageInfo.endCursor);
  } finally {
    await api.close();
    await services.close();
  }
  plans = await planStatements(scratch.url, await captureStatements(config, operations));
}, 600_000);

afterAll(async () => {
  await scratch?.drop();
  if (config) await deleteNamespace(config.REDIS_URL, config.REDIS_PREFIX);
});

describe("hot query plans on a generated set", () => {
  it("scan no big table sequentially", () => {
    expect(plans.length).toBeGreaterThan(20);
    const scans = plans.flatMap((plan) =>
      plan.seqScans
        .filter((table) => BIG.includes(table))
        .map((table) => `${plan.operation}: Seq Scan on ${table} in ${plan.sql.replace(/\s+/g, " ").slice(0, 200)}`),
    );
    expect(scans).toEqual([]);
  });

  it.each(Object.entries(INDEX_OF))("%s reads its index", (operation, indexes) => {
    const used = new Set(plans.filter((plan) => plan.operation === operation).flatMap((plan) => plan.indexes));
    // The indexes it did read are in the message when one is missing.
    expect({ missing: indexes.filter((index) => !used.has(index)), used: [...used].sort() }).toEqual({
      missing: [],
      used: [...used].sort(),
    });
  });

  it("search reads no question's text (the text's trigram index serves only a term holding whitespace)", () => {
    const search = plans.filter((plan) => plan.operation.startsWith("search ("));
    expect(search.length).toBeGreaterThan(0);
    expect(search.filter((plan) => plan.indexes.includes("Question_searchText_trgm_idx"))).toEqual([]);
  });
});
