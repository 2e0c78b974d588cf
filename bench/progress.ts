import { buildSchema } from "../src/app/schema.ts";
import { startApiServer } from "../src/app/server.ts";
import { openServices } from "../src/app/services.ts";
import { loadConfig } from "../src/config.ts";
import { createDb, type Db } from "../src/db.ts";
import { Rng } from "../src/kernels/rng.ts";
import { createAccount } from "../src/modules/auth/service.ts";
import {
  myProgress,
  type ReviewRating,
  recordSubmissionResult,
  reviewQuestion,
} from "../src/modules/progress/service.ts";
import { ensureBenchDatabase, formatMs, percentile } from "./database.ts";

const CODING_QUESTIONS = 30;
const CONCEPT_QUESTIONS = 90;
const TOPICS = 10;
const SUBMISSIONS = 10_000;
const REVIEWS = 2_000;
const HISTORY_DAYS = 730;
const WARM_UP_CALLS = 20;
const MEASURED_CALLS = 300;
const WRITERS = 8;
const DAY = 86_400_000;
const RATINGS: ReviewRating[] = ["AGAIN", "HARD", "GOOD", "GOOD", "GOOD", "EASY"];

type Content = { coding: { questionId: string; problemId: string }[]; conceptSlugs: string[] };

/** 30 coding problems and 90 concept questions over 10 topics, created once under fixed slugs. */
async function ensureContent(db: Db): Promise<Content> {
  for (let t = 0; t < TOPICS; t++) {
    const slug = `bench-progress-topic-${t}`;
    await db.topic.upsert({
      where: { slug },
      create: { slug, nameZh: `进度主题${t}`, nameEn: `Progress topic ${t}` },
      update: {},
    });
  }
  const content: Content = { coding: [], conceptSlugs: [] };
  for (let i = 0; i < CODING_QUESTIONS + CONCEPT_QUESTIONS; i++) {
    const coding = i < CODING_QUESTIONS;
    const slug = `bench-progress-${coding ? "coding" : "concept"}-${i}`;
    let question = await db.question.findUnique({ where: { slug }, include: { codingProblem: true } });
    if (!question) {
      question = await db.question.create({
        data: {
          slug,
          kind: coding ? "CODING" : "CONCEPT",
          difficulty: (["EASY", "MEDIUM", "HARD"] as const)[i % 3],
          status: "PUBLISHED",
          titleZh: `进度基准 ${i}`,
          bodyZh: "正文",
          answerZh: "答案",
          keyPoints: [{ zh: "要点", concepts: [["要点", "point"]] }],
          topics: {
            create: [
              { topic: { connect: { slug: `bench-progress-topic-${i % TOPICS}` } } },
              { topic: { connect: { slug: `bench-progress-topic-${(i * 7 + 3) % TOPICS}` } } },
            ].filter(
              (link, index, all) => all.findIndex((l) => l.topic.connect.slug === link.topic.connect.slug) === index,
            ),
          },
          codingProblem: coding
            ? {
                create: {
                  kernelId: "matmul",
                  functionName: "matmul",
                  signature: "(a: number[][], b: number[][]) => number[][]",
                  starterCode: "export function matmul(a, b) {}",
                  testPlan: { seed: i, samples: 2, hidden: 10, performance: 1 },
                },
              }
            : undefined,
        },
        include: { codingProblem: true },
      });
    }
    if (coding && question.codingProblem)
      content.coding.push({ questionId: question.id, problemId: question.codingProblem.id });
    else content.conceptSlugs.push(slug);
  }
  return content;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** 10,000 graded submissions and 2,000 reviews spread over two years, through the same hooks the grader uses. */
async function seedLearner(db: Db, content: Content, now: Date): Promise<{ userId: string; token: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { user, token } = await createAccount(
    db,
    {
      email: `bench-progress-${suffix}@example.test`,
      handle: `bench_${suffix}`,
      password: "bench password",
      timeZone: "Asia/Shanghai",
    },
    1,
  );
  const rng = new Rng(20261129);
  const start = now.getTime() - HISTORY_DAYS * DAY;
  const submissions = Array.from({ length: SUBMISSIONS }, () => ({
    problem: rng.pick(content.coding),
    accepted: rng.unit() < 0.35,
    runtimeMs: rng.float(1, 200),
    at: new Date(start + rng.int(0, HISTORY_DAYS * DAY - 1)),
  })).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < submissions.length; i += 1000) {
    await db.submission.createMany({
      data: submissions.slice(i, i + 1000).map((s) => ({
        userId: user.id,
        problemId: s.problem.problemId,
        language: "TYPESCRIPT" as const,
        code: "export function matmul(a, b) { return a; }",
        status: "FINISHED" as const,
        verdict: s.accepted ? ("ACCEPTED" as const) : ("WRONG_ANSWER" as const),
        runtimeMs: s.runtimeMs,
        createdAt: s.at,
        finishedAt: s.at,
      })),
    });
  }
  await pool(submissions, WRITERS, async (s) => {
    await db.$transaction((tx) =>
      recordSubmissionResult(tx, {
        userId: user.id,
        questionId: s.problem.questionId,
        accepted: s.accepted,
        runtimeMs: s.accepted ? s.runtimeMs : null,
        at: s.at,
      }),
    );
  });
  // Reviews of one card must run in time order; different cards run in parallel.
  const reviewsBySlug = new Map<string, { at: Date; rating: ReviewRating }[]>();
  for (let i = 0; i < REVIEWS; i++) {
    const slug = rng.pick(content.conceptSlugs);
    const list = reviewsBySlug.get(slug) ?? [];
    list.push({ at: new Date(start + rng.int(0, HISTORY_DAYS * DAY - 1)), rating: rng.pick(RATINGS) });
    reviewsBySlug.set(slug, list);
  }
  await pool([...reviewsBySlug], WRITERS, async ([slug, reviews]) => {
    for (const review of reviews.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      await reviewQuestion(db, user.id, { slug, rating: review.rating }, review.at);
    }
  });
  return { userId: user.id, token };
}

async function measure(label: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP_CALLS; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < MEASURED_CALLS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  console.log(
    `${label}: p50 ${formatMs(percentile(times, 50))}, p99 ${formatMs(percentile(times, 99))}, ` +
      `mean ${formatMs(mean)}, max ${formatMs(times[times.length - 1] ?? Number.NaN)} over ${MEASURED_CALLS} calls`,
  );
}

const MY_PROGRESS_QUERY = `{ myProgress { solved attempted total currentStreak longestStreak
  byDifficulty { difficulty solved attempted total } byTopic { topic { slug } solved total mastery } calendar { date count } } }`;

/** The same call through the API (HTTP, auth, GraphQL execution), when the API serves myProgress. */
async function measureOverHttp(url: string, token: string): Promise<void> {
  if (!buildSchema().getQueryType()?.getFields().myProgress) {
    console.log("GraphQL myProgress: not measured, the API schema does not include the progress module yet");
    return;
  }
  const config = loadConfig({ ...process.env, DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
  const services = openServices(config, "bench-progress");
  const api = await startApiServer(services);
  try {
    const body = JSON.stringify({ query: MY_PROGRESS_QUERY });
    await measure("GraphQL myProgress over HTTP", async () => {
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as { errors?: unknown[] };
      if (result.errors) throw new Error(`myProgress failed: ${JSON.stringify(result.errors)}`);
    });
  } finally {
    await api.close();
    await services.close();
  }
}

export async function runProgressBench(): Promise<void> {
  const url = await ensureBenchDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" });
  const db = createDb({ url, poolSize: Math.max(config.DATABASE_POOL_SIZE, WRITERS + 2) });
  try {
    const content = await ensureContent(db);
    const seedStarted = performance.now();
    const { userId, token } = await seedLearner(db, content, new Date());
    console.log(
      `seeded a learner with ${SUBMISSIONS} submissions and ${REVIEWS} reviews over ${HISTORY_DAYS} days ` +
        `in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const [progressRows, activityDays, cards, published] = await Promise.all([
      db.progress.count({ where: { userId } }),
      db.activityDay.count({ where: { userId } }),
      db.reviewCard.count({ where: { userId } }),
      db.question.count({ where: { status: "PUBLISHED" } }),
    ]);
    console.log(
      `learner: ${progressRows} progress rows, ${activityDays} active days, ${cards} review cards; ${published} published questions`,
    );
    const summary = await myProgress(db, userId);
    console.log(
      `myProgress: solved ${summary.solved}/${summary.total}, streak ${summary.currentStreak} (longest ${summary.longestStreak})`,
    );
    await measure("myProgress service call (target p50 < 20 ms)", () => myProgress(db, userId));
    await measureOverHttp(url, token);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.main) {
  await runProgressBench();
  process.exit(0);
}
