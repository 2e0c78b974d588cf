import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { CodingProblem, Prisma, Topic } from "../src/generated/prisma/client.ts";
import { encodeCursor, keysetWindow } from "../src/lib/keyset-cursor.ts";
import { hashToken, tokenLookupSql } from "../src/modules/auth/service.ts";
import { progressForQuestionsSql } from "../src/modules/progress/service.ts";
import { sampleTestsOf } from "../src/modules/questions/samples.ts";
import {
  codingProblemsSql,
  type QuestionListRow,
  type QuestionRow,
  questionCountSql,
  questionPageSql,
  questionsBySlugSql,
} from "../src/modules/questions/sql.ts";

/**
 * The floor: a bare `node:http` + `pg` server answering the API benchmark's three operations (bench/api.ts)
 * with the same SQL statements the API sends for them (its own statement builders), and the same JSON. What the API costs above this is the
 * price of GraphQL, Express, Apollo and Prisma. It reads the operation name from the JSON body, nothing else.
 * Started by bench/api.ts with DATABASE_URL, PORT and DATABASE_POOL_SIZE.
 */

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});

// The API's own statement builders, sent as they are (the bench runs this process with TZ=UTC, so pg reads the
// UTC timestamps right).
async function rows<Row extends pg.QueryResultRow>(sql: Prisma.Sql): Promise<Row[]> {
  return (await pool.query<Row>(sql.text, sql.values)).rows;
}

const en = (zh: string, english: string | null) => english || zh;

async function viewerId(authorization: string | undefined): Promise<string> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new Error("the signed-in operation needs a bearer token");
  const [row] = await rows<{ id: string; expiresAt: Date; revokedAt: Date | null }>(tokenLookupSql(hashToken(token)));
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw new Error("unknown or expired token");
  return row.id;
}

async function questionsPage(userId: string | null) {
  const filter = { status: "PUBLISHED" as const, terms: [] };
  const [fetched, counted] = await Promise.all([
    rows<QuestionListRow>(questionPageSql(filter, keysetWindow({ first: 20 }, "asc", 20))),
    rows<{ totalCount: number }>(questionCountSql(filter)),
  ]);
  const page = fetched.slice(0, 20);
  const statuses = new Map<string, string>();
  if (userId) {
    const progress = await rows<{ questionId: string; status: string }>(
      progressForQuestionsSql(
        userId,
        page.map((row) => row.id),
      ),
    );
    for (const row of progress) statuses.set(row.questionId, row.status);
  }
  const edges = page.map((row) => ({
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
      totalCount: counted[0]?.totalCount ?? 0,
      pageInfo: { hasNextPage: fetched.length > 20, endCursor: edges.at(-1)?.cursor ?? null },
      edges,
    },
  };
}

async function problem(slug: string) {
  const [question] = await rows<QuestionRow>(questionsBySlugSql([slug]));
  if (question?.status !== "PUBLISHED") return { question: null };
  const [coding] = await rows<CodingProblem>(codingProblemsSql([question.id]));
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
