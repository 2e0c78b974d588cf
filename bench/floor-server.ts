import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { CodingProblem, Topic } from "../src/generated/prisma/client.ts";
import { encodeCursor } from "../src/lib/keyset-cursor.ts";
import { hashToken } from "../src/modules/auth/service.ts";
import { type QuestionListRow, questionCountSql, questionPageSql } from "../src/modules/questions/list-sql.ts";
import { sampleTestsOf } from "../src/modules/questions/samples.ts";

/**
 * The floor: a bare `node:http` + `pg` server answering the API benchmark's three operations (bench/api.ts)
 * with the same SQL statements the API sends for them, and the same JSON. What the API costs above this is the
 * price of GraphQL, Express, Apollo and Prisma. It reads the operation name from the JSON body, nothing else.
 * Started by bench/api.ts with DATABASE_URL, PORT and DATABASE_POOL_SIZE.
 */

// The statements Prisma sends for the signed-in viewer, the learner's progress, one question and its coding
// problem (copied from its query log), so both servers ask Postgres for the same rows.
const TOKEN_SQL = `SELECT "t0"."id", "t0"."userId", "t0"."tokenHash", "t0"."createdAt", "t0"."expiresAt", "t0"."revokedAt",
  "AuthToken_user"."__prisma_data__" AS "user" FROM "public"."AuthToken" AS "t0" LEFT JOIN LATERAL (SELECT
  JSONB_BUILD_OBJECT('id', "t1"."id", 'email', "t1"."email", 'handle', "t1"."handle", 'passwordHash', "t1"."passwordHash",
  'role', "t1"."role", 'timeZone', "t1"."timeZone", 'createdAt', "t1"."createdAt", 'updatedAt', "t1"."updatedAt")
  AS "__prisma_data__" FROM "public"."User" AS "t1" WHERE "t0"."userId" = "t1"."id" LIMIT $1) AS "AuthToken_user" ON true
  WHERE ("t0"."tokenHash" = $2 AND 1=1) LIMIT $3`;
const progressSql = (count: number) =>
  `SELECT "t0"."id", "t0"."userId", "t0"."questionId", "t0"."status"::text, "t0"."attempts", "t0"."firstSolvedAt",
  "t0"."bestRuntimeMs", "t0"."lastActivityAt", "t0"."createdAt", "t0"."updatedAt" FROM "public"."Progress" AS "t0"
  WHERE ("t0"."userId" = $1 AND "t0"."questionId" IN (${Array.from({ length: count }, (_, i) => `$${i + 2}`).join(",")}))`;
const QUESTION_SQL = `SELECT "t0"."id", "t0"."slug", "t0"."kind"::text, "t0"."difficulty"::text, "t0"."status"::text,
  "t0"."revision", "t0"."titleZh", "t0"."titleEn", "t0"."bodyZh", "t0"."bodyEn", "t0"."answerZh", "t0"."answerEn",
  "t0"."explanationZh", "t0"."explanationEn", "t0"."examples", "t0"."keyPoints", "t0"."sourceRef", "t0"."contentHash",
  "t0"."searchText", "t0"."createdAt", "t0"."updatedAt" FROM "public"."Question" AS "t0" WHERE ("t0"."slug" = $1 AND 1=1)
  LIMIT $2`;
const CODING_PROBLEM_SQL = `SELECT "t0"."id", "t0"."questionId", "t0"."kernelId", "t0"."functionName", "t0"."signature",
  "t0"."starterCode", "t0"."timeLimitMs", "t0"."memoryLimitMb", "t0"."atol", "t0"."rtol", "t0"."testPlan",
  "t0"."createdAt", "t0"."updatedAt" FROM "public"."CodingProblem" AS "t0" WHERE "t0"."questionId" IN ($1)`;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});

const en = (zh: string, english: string | null) => english || zh;

async function viewerId(authorization: string | undefined): Promise<string> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new Error("the signed-in operation needs a bearer token");
  const { rows } = await pool.query(TOKEN_SQL, [1, hashToken(token), 1]);
  const row = rows[0];
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw new Error("unknown or expired token");
  return row.user.id;
}

async function questionsPage(userId: string | null) {
  const filter = { status: "PUBLISHED" as const, terms: [] };
  const page = questionPageSql(filter, null, 21);
  const count = questionCountSql(filter);
  const [pageResult, countResult] = await Promise.all([
    pool.query<QuestionListRow>(page.text, page.values),
    pool.query<{ totalCount: number }>(count.text, count.values),
  ]);
  const rows = pageResult.rows.slice(0, 20);
  const statuses = new Map<string, string>();
  if (userId) {
    const progress = await pool.query(progressSql(rows.length), [userId, ...rows.map((row) => row.id)]);
    for (const row of progress.rows) statuses.set(row.questionId, row.status);
  }
  const edges = rows.map((row) => ({
    cursor: encodeCursor(row),
    node: {
      slug: row.slug,
      kind: row.kind,
      difficulty: row.difficulty,
      title: en(row.titleZh, row.titleEn),
      topics: row.topicList.map((topic: Topic) => ({ slug: topic.slug, name: en(topic.nameZh, topic.nameEn) })),
      ...(userId ? { progress: { status: statuses.get(row.id) ?? "NOT_STARTED" } } : {}),
    },
  }));
  return {
    questions: {
      totalCount: countResult.rows[0]?.totalCount ?? 0,
      pageInfo: { hasNextPage: pageResult.rows.length > 20, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    },
  };
}

async function problem(slug: string) {
  const question = (await pool.query(QUESTION_SQL, [slug, 1])).rows[0];
  if (question?.status !== "PUBLISHED") return { question: null };
  const coding: CodingProblem | undefined = (await pool.query(CODING_PROBLEM_SQL, [question.id])).rows[0];
  return {
    question: {
      slug: question.slug,
      kind: question.kind,
      difficulty: question.difficulty,
      title: en(question.titleZh, question.titleEn),
      body: en(question.bodyZh, question.bodyEn),
      codingProblem: coding
        ? {
            functionName: coding.functionName,
            signature: coding.signature,
            starterCode: coding.starterCode,
            timeLimitMs: coding.timeLimitMs,
            samples: sampleTestsOf(coding),
          }
        : null,
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

const server = createServer(async (request, response) => {
  try {
    if (request.method === "GET") return void response.writeHead(200).end("ok");
    const body = JSON.parse(await readBody(request)) as { operationName?: string; variables?: { slug?: string } };
    const data =
      body.operationName === "SignedInPage"
        ? await questionsPage(await viewerId(request.headers.authorization))
        : body.operationName === "Problem"
          ? await problem(String(body.variables?.slug))
          : await questionsPage(null);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
  } catch (error) {
    response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
  }
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`floor listening on ${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end();
});
