import { mergeSchemas } from "@graphql-tools/schema";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Queue } from "bullmq";
import { type FormattedExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { Redis } from "ioredis";
import type { AppContext, AppServices } from "../../src/app/context.ts";
import { buildSchema } from "../../src/app/schema.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb } from "../../src/db.ts";
import type { User } from "../../src/generated/prisma/client.ts";
import type { GradeJobData } from "../../src/grading/queue.ts";
import { apiErrorFormatter, rememberErrorLocale } from "../../src/graphql/errors.ts";
import { RequestLoaders } from "../../src/graphql/loaders.ts";
import { createLogger } from "../../src/logger.ts";
import { toAuthUser } from "../../src/modules/auth/service.ts";
import { resolvers } from "../../src/modules/progress/resolvers.ts";
import { typeDefs } from "../../src/modules/progress/schema.ts";
import { recordSubmissionResult } from "../../src/modules/progress/service.ts";
import { SubmissionEvents } from "../../src/modules/submissions/events.ts";
import { createRedis } from "../../src/redis.ts";
import { testDatabaseUrl, testRedisPrefix, testRedisUrl, uniqueSuffix } from "../helpers/env.ts";
import { createLearner, createQuestion } from "../helpers/fixtures.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

/**
 * The progress module's SDL and resolvers on top of the API's schema, executed in-process with real services:
 * checks that the SDL composes with the other modules', the error codes, and that Question.progress is batched.
 */
describe("progress GraphQL resolvers", () => {
  let services: AppServices;
  const connections: Redis[] = [];
  let schema: GraphQLSchema;
  let learner: User;
  const queries: string[] = [];

  async function run(source: string, user: User | null, variableValues?: Record<string, unknown>) {
    const contextValue: AppContext = {
      ...services,
      requestId: uniqueSuffix(),
      ip: "127.0.0.1",
      user: user ? toAuthUser(user) : null,
      locale: "EN",
      acceptLanguageLocale: "EN",
      token: null,
      loaders: new RequestLoaders(),
      onContentChanged: () => {},
    };
    const result = await graphql({ schema, source, contextValue, variableValues });
    // Errors as clients see them: through the API's one error mapping, in the request's locale (as the API's
    // errorLocalePlugin records it).
    if (result.errors) rememberErrorLocale(result.errors, contextValue.locale);
    const formatError = apiErrorFormatter(services.log);
    return {
      ...result,
      errors: result.errors?.map((error) => formatError(error.toJSON(), error)),
    } as FormattedExecutionResult<Record<string, never>>;
  }

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix("progress"),
      LOG_LEVEL: "silent",
      REVIEW_NEW_CARDS_PER_DAY: "2",
    });
    // Built here rather than with openServices so that every Redis connection is ours to close.
    const [redis, subscriber, queueConnection] = [
      createRedis(config.REDIS_URL),
      createRedis(config.REDIS_URL),
      createRedis(config.REDIS_URL),
    ];
    connections.push(redis, subscriber, queueConnection);
    const log = createLogger("silent", "progress-graphql-test");
    services = {
      config,
      db: createDb({ url: config.DATABASE_URL, poolSize: 5, logQueries: true }),
      redis,
      log,
      gradeQueue: new Queue<GradeJobData>(config.QUEUE_NAME, {
        connection: queueConnection,
        prefix: config.REDIS_PREFIX,
      }),
      submissionEvents: new SubmissionEvents(subscriber, config.REDIS_PREFIX, log),
    };
    services.db.$on("query", (event) => queries.push(event.query));
    const base = buildSchema();
    // Once the API wires this module into buildSchema, the merge is not needed (and would duplicate fields).
    schema = base.getQueryType()?.getFields().myProgress
      ? base
      : mergeSchemas({ schemas: [base], typeDefs, resolvers });
    learner = await createLearner(services.db, "gql", "Asia/Shanghai");
  });
  afterAll(async () => {
    await services.gradeQueue.close();
    await services.db.$disconnect();
    for (const connection of connections) connection.disconnect();
    await deleteNamespace(services.config.REDIS_URL, services.config.REDIS_PREFIX);
  });

  it("needs a signed-in learner for personal fields", async () => {
    const result = await run("{ myProgress { solved } }", null);
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("returns myProgress with streaks and a 365-day calendar", async () => {
    const question = await createQuestion(services.db, "gql-coding", { kind: "CODING", difficulty: "HARD" });
    await services.db.$transaction((tx) =>
      recordSubmissionResult(tx, {
        userId: learner.id,
        questionId: question.id,
        accepted: true,
        runtimeMs: 3,
        at: new Date(),
      }),
    );
    const result = await run(
      "{ myProgress { solved attempted total currentStreak longestStreak timeZone byDifficulty { difficulty solved } calendar { date count } } }",
      learner,
    );
    expect(result.errors).toBeUndefined();
    const summary = result.data?.myProgress as unknown as {
      solved: number;
      currentStreak: number;
      timeZone: string;
      byDifficulty: { difficulty: string; solved: number }[];
      calendar: { date: string; count: number }[];
    };
    expect(summary).toMatchObject({ solved: 1, currentStreak: 1, timeZone: "Asia/Shanghai" });
    expect(summary.byDifficulty.find((d) => d.difficulty === "HARD")?.solved).toBe(1);
    expect(summary.calendar).toHaveLength(365);
    expect(summary.calendar.at(-1)?.count).toBe(1);

    // The questions list filters on the same progress (the API's resolver, with progressStatusSql).
    const list = (status: string) =>
      run(
        `{ questions(filter: { status: ${status}, kind: CODING }, first: 100) { edges { node { slug } } } }`,
        learner,
      );
    const slugsOf = (result: Awaited<ReturnType<typeof list>>) => {
      expect(result.errors).toBeUndefined();
      const page = result.data?.questions as unknown as { edges: { node: { slug: string } }[] };
      return page.edges.map((e) => e.node.slug);
    };
    expect(slugsOf(await list("SOLVED"))).toContain(question.slug);
    expect(slugsOf(await list("NOT_STARTED"))).not.toContain(question.slug);
  });

  it("batches Question.progress for a page of questions into one query", async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 6; i++) slugs.push((await createQuestion(services.db, `gql-batch${i}`)).slug);
    const fields = slugs.map((slug, i) => `q${i}: question(slug: "${slug}") { slug progress { status attempts } }`);
    queries.length = 0;
    const result = await run(`{ ${fields.join(" ")} }`, learner);
    expect(result.errors).toBeUndefined();
    expect(result.data?.q0).toEqual({ slug: slugs[0], progress: { status: "NOT_STARTED", attempts: 0 } });
    expect(queries.filter((sql) => sql.includes('FROM "Progress"')).length).toBe(1);
    const anonymous = await run(`{ ${fields[0]} }`, null);
    expect(anonymous.data?.q0).toEqual({ slug: slugs[0], progress: null });
  });

  it("reviews a concept question, lists the queue with the configured new-card limit, and checks answers", async () => {
    const keyPoints = [{ zh: "注意力按 √d 缩放", concepts: [["缩放", "rescale"]] }];
    const question = await createQuestion(services.db, "gql-concept", { keyPoints });
    const reviewed = await run(
      `mutation($input: ReviewInput!) { reviewQuestion(input: $input) { isNew state reps due question { slug progress { status } } } }`,
      learner,
      { input: { slug: question.slug, rating: "GOOD" } },
    );
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data?.reviewQuestion).toMatchObject({
      isNew: false,
      state: "LEARNING",
      reps: 1,
      question: { slug: question.slug, progress: { status: "SOLVED" } },
    });
    const queue = await run("{ reviewQueue(limit: 10) { isNew question { slug } } }", learner);
    // REVIEW_NEW_CARDS_PER_DAY is 2 and one new card was introduced today: one more new card at most.
    const cards = (queue.data?.reviewQueue ?? []) as unknown as { isNew: boolean }[];
    expect(cards.filter((c) => c.isNew).length).toBe(1);

    const check = await run(
      `query($slug: String!) { checkConceptAnswer(slug: $slug, answer: "we rescale the scores") { coverage covered { index } missed { index } } }`,
      null,
      { slug: question.slug },
    );
    expect(check.data?.checkConceptAnswer).toEqual({ coverage: 1, covered: [{ index: 0 }], missed: [] });
  });

  it("maps service errors to NOT_FOUND and BAD_USER_INPUT", async () => {
    const coding = await createQuestion(services.db, "gql-code", { kind: "CODING" });
    const review = `mutation($input: ReviewInput!) { reviewQuestion(input: $input) { reps } }`;
    const missing = await run(review, learner, { input: { slug: `nope-${uniqueSuffix()}`, rating: "GOOD" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const wrongKind = await run(review, learner, { input: { slug: coding.slug, rating: "GOOD" } });
    expect(wrongKind.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ field: "input.slug", message: expect.stringContaining("concept") }],
    });
    const badLimit = await run("{ reviewQueue(limit: 0) { isNew } }", learner);
    expect(badLimit.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const badZone = await run(`mutation { setTimeZone(timeZone: "Moon/Base") { timeZone } }`, learner);
    expect(badZone.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ field: "timeZone" }],
    });
  });

  it("sets a validated time zone in canonical form and shows the leaderboard by handle", async () => {
    const other = await createLearner(services.db, "gql-zone");
    const result = await run(`mutation { setTimeZone(timeZone: "america/new_york") { handle timeZone } }`, other);
    expect(result.data?.setTimeZone).toEqual({ handle: other.handle, timeZone: "America/New_York" });
    const board = await run("{ leaderboard(period: ALL, first: 100) { rank handle solved lastSolvedAt } }", null);
    expect(board.errors).toBeUndefined();
    const entries = board.data?.leaderboard as unknown as { handle: string; solved: number }[];
    expect(entries.find((e) => e.handle === learner.handle)?.solved).toBeGreaterThanOrEqual(1);
  });
});
