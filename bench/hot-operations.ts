import pg from "pg";
import { startApiServer } from "../src/app/server.ts";
import { openServices } from "../src/app/services.ts";
import type { Config } from "../src/config.ts";
import { createDb } from "../src/db.ts";
import { learnerToken, type ScaleSizes } from "./scale-data.ts";

/**
 * The API's hot operations at scale (`npm run bench -- scale` times them; the hot-plan test EXPLAINs the SQL they
 * run). `variables` and `viewer` take the call's ordinal, so that calls rotate over questions and learners.
 */
export type HotOperation = {
  name: string;
  query: string;
  variables(call: number): Record<string, unknown>;
  /** The bearer token of the call, or null (anonymous). */
  token(call: number): string | null;
};

const PAGE = `totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { slug kind difficulty title(locale: EN) topics { slug name(locale: EN) } PROGRESS } }`;

export type HotContext = {
  /** Bearer token of an ordinary learner (a few submissions, twenty review cards), by call. */
  learnerToken(call: number): string;
  /** Bearer token of a learner with a long submission history, by call. */
  heavyToken(call: number): string;
  /** A coding problem's slug (the real ones and their copies), by call. */
  problemSlug(call: number): string;
  /** A track's slug. */
  trackSlug: string;
  /** The cursor after the first page of the heavy learner's submissions, by call (for the next page). */
  submissionsCursor(call: number): string;
  /** The submitted code. */
  code: string;
};

export function hotOperations(context: HotContext): HotOperation[] {
  const anonymous = () => null;
  const search = (words: string) =>
    `query Search { questions(first: 20, filter: { search: "${words}" }) { totalCount
      edges { node { slug kind title(locale: EN) } } } }`;
  return [
    {
      name: "catalogue page, anonymous",
      query: `query Page { questions(first: 20) { ${PAGE.replace("PROGRESS", "")} } }`,
      variables: () => ({}),
      token: anonymous,
    },
    {
      name: "catalogue page, signed in",
      query: `query SignedInPage { questions(first: 20) { ${PAGE.replace("PROGRESS", "progress { status }")} } }`,
      variables: () => ({}),
      token: context.learnerToken,
    },
    { name: "search (zh: 注意力)", query: search("注意力"), variables: () => ({}), token: anonymous },
    { name: "search (en: attention)", query: search("attention"), variables: () => ({}), token: context.learnerToken },
    {
      name: "question(slug) with its coding problem",
      query: `query Problem($slug: String!) { question(slug: $slug) { slug kind difficulty title(locale: EN)
        body(locale: EN) codingProblem { functionName signature starterCode timeLimitMs samples { name input expected } } } }`,
      variables: (call) => ({ slug: context.problemSlug(call) }),
      token: anonymous,
    },
    {
      name: "myProgress",
      query: `{ myProgress { solved attempted total currentStreak longestStreak
        byDifficulty { difficulty solved attempted total } byTopic { topic { slug } solved total mastery }
        calendar { date count } } }`,
      variables: () => ({}),
      token: context.learnerToken,
    },
    {
      name: "reviewQueue(limit: 20)",
      query: "{ reviewQueue(limit: 20) { question { slug title(locale: EN) } isNew due state reps } }",
      variables: () => ({}),
      token: context.learnerToken,
    },
    {
      name: "leaderboard(WEEK, first: 20)",
      query: "{ leaderboard(period: WEEK, first: 20) { rank handle solved lastSolvedAt } }",
      variables: () => ({}),
      token: anonymous,
    },
    {
      name: "leaderboard(ALL, first: 20)",
      query: "{ leaderboard(period: ALL, first: 20) { rank handle solved lastSolvedAt } }",
      variables: () => ({}),
      token: anonymous,
    },
    {
      name: "track(slug) with progress",
      query: `query Track($slug: String!) { track(slug: $slug) { slug itemCount
        progress { done total next { position question { slug } } } items { position status question { slug } } } }`,
      variables: () => ({ slug: context.trackSlug }),
      token: context.learnerToken,
    },
    {
      name: "mySubmissions(first: 20)",
      query: `{ mySubmissions(first: 20) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id language status verdict createdAt question { slug } } } } }`,
      variables: () => ({}),
      token: context.heavyToken,
    },
    {
      name: "mySubmissions next page",
      query: `query Next($after: String) { mySubmissions(first: 20, after: $after) { pageInfo { hasNextPage endCursor }
        edges { node { id language status verdict createdAt } } } }`,
      variables: (call) => ({ after: context.submissionsCursor(call) }),
      token: context.heavyToken,
    },
    {
      name: "submitSolution (enqueued, not graded)",
      query: `mutation Submit($input: SubmitSolutionInput!) { submitSolution(input: $input) { id status } }`,
      variables: (call) => ({
        input: {
          slug: context.problemSlug(call),
          language: "TYPESCRIPT",
          code: context.code,
          idempotencyKey: `scale-${process.pid}-${call}`,
        },
      }),
      token: context.learnerToken,
    },
  ];
}

export type GraphQLResult = { data?: Record<string, unknown> | null; errors?: { message: string }[] };

/** POSTs one operation to the API at `url`; throws on a GraphQL error. */
export async function post(url: string, operation: HotOperation, call: number): Promise<GraphQLResult> {
  const token = operation.token(call);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: operation.query, variables: operation.variables(call) }),
  });
  const result = (await response.json()) as GraphQLResult;
  if (result.errors) throw new Error(`${operation.name}: ${JSON.stringify(result.errors)}`);
  return result;
}

export type Statement = { operation: string; sql: string; params: unknown[] };

/**
 * Every SQL statement each operation runs, captured through the API's query log (an in-process server with query
 * logging on, so the direct `pg` path goes through Prisma and is seen as well).
 */
export async function captureStatements(config: Config, operations: readonly HotOperation[]): Promise<Statement[]> {
  const services = openServices(config, "hot-statements", { logQueries: true });
  const api = await startApiServer(services);
  const statements: Statement[] = [];
  let current = "";
  services.db.$on("query", (event) => {
    if (current) statements.push({ operation: current, sql: event.query, params: JSON.parse(event.params) });
  });
  try {
    for (const operation of operations) {
      current = operation.name;
      await post(api.url, operation, 0);
      current = "";
    }
  } finally {
    await api.close();
    await services.close();
  }
  return statements;
}

/** One statement's plan: the tables it scans sequentially and the indexes it reads. */
export type StatementPlan = Statement & { seqScans: string[]; indexes: string[] };

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function walk(node: PlanNode, plan: { seqScans: string[]; indexes: string[] }): void {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) plan.seqScans.push(node["Relation Name"]);
  if (node["Index Name"]) plan.indexes.push(node["Index Name"]);
  for (const child of node.Plans ?? []) walk(child, plan);
}

/** Writes are EXPLAINed too: EXPLAIN without ANALYZE plans a statement and runs nothing. */
const EXPLAINABLE = /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i;

/** EXPLAIN (no ANALYZE) of each query among `statements` on the database at `url` (BEGIN, COMMIT are skipped). */
export async function planStatements(url: string, statements: readonly Statement[]): Promise<StatementPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const plans: StatementPlan[] = [];
  try {
    for (const statement of statements) {
      if (!EXPLAINABLE.test(statement.sql)) continue;
      const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${statement.sql}`,
        statement.params,
      );
      const plan: StatementPlan = { ...statement, seqScans: [], indexes: [] };
      const root = rows[0]?.["QUERY PLAN"][0]?.Plan;
      if (root) walk(root, plan);
      plans.push(plan);
    }
  } finally {
    await client.end();
  }
  return plans;
}

/** The hot operations' inputs over the generated learners: ordinary ones spread over the range, heavy ones first. */
export async function hotContext(
  url: string,
  sizes: ScaleSizes,
): Promise<{ context: HotContext; cursors: Map<number, string> }> {
  const db = createDb({ url });
  try {
    const matmulCopies = await db.question.findMany({
      where: { slug: { startsWith: "matmul" }, kind: "CODING", status: "PUBLISHED" },
      select: { slug: true },
    });
    const problem = await db.codingProblem.findFirstOrThrow({
      where: { question: { slug: "matmul" } },
      select: { starterCode: true },
    });
    const slugs = matmulCopies
      .map((q) => q.slug)
      .filter((slug) => /^matmul(-x\d+)?$/.test(slug))
      .sort();
    const ordinary = (call: number) =>
      sizes.heavyLearners + 1 + ((call * 7919) % (sizes.learners - sizes.heavyLearners));
    const heavy = (call: number) => 1 + (call % Math.min(50, sizes.heavyLearners));
    const cursors = new Map<number, string>();
    const context: HotContext = {
      learnerToken: (call) => learnerToken(ordinary(call)),
      heavyToken: (call) => learnerToken(heavy(call)),
      problemSlug: (call) => slugs[call % slugs.length] as string,
      trackSlug: "training-at-scale",
      submissionsCursor: (call) => cursors.get(heavy(call)) ?? "",
      code: problem.starterCode,
    };
    return { context, cursors };
  } finally {
    await db.$disconnect();
  }
}
