import pg from "pg";

/**
 * A large data set made in SQL from the real content's shapes (`npm run bench -- scale`, and at a small size the
 * hot-plan test): copies of the seeded questions under suffixed slugs, learners, graded submissions, the Progress,
 * ActivityDay and leaderboard rows those submissions imply, and review cards with their Progress rows. Every row
 * goes in through the real schema with multi-row INSERT … SELECT over generate_series: one statement per table, not
 * one call per row. Deterministic: every choice is a hash of the row's ordinals.
 */
export type ScaleSizes = {
  /** Learners; the first `heavyLearners` submit `heavySubmissions` each, the others `submissionsPerLearner`. */
  learners: number;
  heavyLearners: number;
  heavySubmissions: number;
  submissionsPerLearner: number;
  /** Review cards per learner (distinct concept questions). */
  cardsPerLearner: number;
  /** At least this many questions: the seeded ones, then copies of them until the count is reached. */
  questions: number;
};

export const FULL_SCALE: ScaleSizes = {
  learners: 100_000,
  heavyLearners: 1_000,
  heavySubmissions: 200,
  submissionsPerLearner: 9,
  cardsPerLearner: 20,
  questions: 5_000,
};

/** The id of generated learner `ordinal` (1-based; a SQL expression or a number), as SQL. */
export const learnerIdSql = (ordinal: string | number) => `md5('scale-user:' || ${ordinal})::uuid`;
/** Generated learner n's handle and bearer token (every learner has one). */
export const learnerHandle = (n: number) => `scale_${n}`;
export const learnerToken = (n: number) => `scale-token-${n}`;

export type GeneratedCounts = Record<string, number>;

type Step = { label: string; sql: string };

function steps(sizes: ScaleSizes): Step[] {
  const { learners, heavyLearners, heavySubmissions, submissionsPerLearner, cardsPerLearner } = sizes;
  return [
    {
      label: "question copies",
      // Copies c = 1..k of every seeded question (k so that the total reaches sizes.questions), published.
      sql: `
        CREATE TEMP TABLE seeded AS SELECT * FROM "Question";
        INSERT INTO "Question"
        SELECT (jsonb_populate_record(q, jsonb_build_object(
                 'id', md5(q."id"::text || ':' || c)::uuid,
                 'slug', q."slug" || '-x' || c,
                 'status', 'PUBLISHED',
                 'contentHash', NULL,
                 'searchText', q."slug" || '-x' || c || substr(q."searchText", length(q."slug") + 1),
                 'createdAt', q."createdAt" + c * interval '1 millisecond'))).*
        FROM seeded q, generate_series(1, ceil(${sizes.questions}::float8 / (SELECT count(*) FROM seeded))::int - 1) c;
        INSERT INTO "QuestionTopic" ("questionId", "topicId")
        SELECT md5(qt."questionId"::text || ':' || c)::uuid, qt."topicId"
        FROM "QuestionTopic" qt, generate_series(1, ceil(${sizes.questions}::float8 / (SELECT count(*) FROM seeded))::int - 1) c
        WHERE qt."questionId" IN (SELECT "id" FROM seeded);
        INSERT INTO "CodingProblem"
        SELECT (jsonb_populate_record(p, jsonb_build_object(
                 'id', md5('problem:' || p."id"::text || ':' || c)::uuid,
                 'questionId', md5(p."questionId"::text || ':' || c)::uuid))).*
        FROM "CodingProblem" p, generate_series(1, ceil(${sizes.questions}::float8 / (SELECT count(*) FROM seeded))::int - 1) c
        WHERE p."questionId" IN (SELECT "id" FROM seeded);`,
    },
    {
      label: "learners and tokens",
      sql: `
        INSERT INTO "User" ("id", "email", "handle", "passwordHash", "role", "timeZone", "createdAt", "updatedAt")
        SELECT ${learnerIdSql("u")}, 'scale-' || u || '@example.test', 'scale_' || u,
               'not-a-password-hash', 'LEARNER',
               (ARRAY['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/Berlin'])[1 + u % 4],
               now() - interval '400 days', now() - interval '400 days'
        FROM generate_series(1, ${learners}) u;
        INSERT INTO "AuthToken" ("id", "userId", "tokenHash", "createdAt", "expiresAt")
        SELECT md5('scale-token:' || u)::uuid, ${learnerIdSql("u")},
               encode(sha256(convert_to('scale-token-' || u, 'UTF8')), 'hex'), now(), now() + interval '30 days'
        FROM generate_series(1, ${learners}) u;`,
    },
    {
      label: "submissions",
      // Learner u's k-th submission works on problem (u·131 + ⌊k/3⌋·977) mod P: a few problems each, about three
      // tries per problem, every third accepted plus one in five at random; two hours apart from a start day spread
      // over the last year (heavy learners start 20+ days back so that their history fits before now).
      sql: `
        CREATE TEMP TABLE problems AS
          SELECT row_number() OVER (ORDER BY p."id") - 1 AS n, p."id", p."questionId", p."starterCode"
          FROM "CodingProblem" p JOIN "Question" q ON q."id" = p."questionId" WHERE q."status" = 'PUBLISHED';
        CREATE UNIQUE INDEX ON problems (n);
        ANALYZE problems;
        INSERT INTO "Submission" ("id", "userId", "problemId", "language", "code", "mode", "status", "verdict",
          "tests", "warnings", "runtimeMs", "createdAt", "startedAt", "finishedAt", "attempts")
        SELECT md5('submission:' || u || ':' || k)::uuid, ${learnerIdSql("u")}, p."id",
               (CASE WHEN (u + k) % 3 = 0 THEN 'PYTHON' ELSE 'TYPESCRIPT' END)::"Language", p."starterCode",
               'FULL', 'FINISHED', v.verdict::"Verdict", '[]', '[]',
               CASE WHEN v.verdict = 'ACCEPTED' THEN 1 + abs(hashtext(u || ':' || k)) % 200 END,
               t.at, t.at, t.at + interval '40 milliseconds', 1
        FROM generate_series(1, ${learners}) u
        CROSS JOIN LATERAL generate_series(1, CASE WHEN u <= ${heavyLearners} THEN ${heavySubmissions}
                                                   ELSE ${submissionsPerLearner} END) k
        JOIN problems p ON p.n = (u * 131 + (k / 3) * 977) % (SELECT count(*) FROM problems)
        CROSS JOIN LATERAL (SELECT CASE WHEN k % 3 = 0 OR abs(hashtext('v' || u || ':' || k)) % 5 = 0 THEN 'ACCEPTED'
          ELSE (ARRAY['WRONG_ANSWER', 'WRONG_ANSWER', 'RUNTIME_ERROR', 'TIME_LIMIT_EXCEEDED', 'COMPILE_ERROR'])
               [1 + abs(hashtext('w' || u || ':' || k)) % 5] END AS verdict) v
        CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now()
          - (CASE WHEN u <= ${heavyLearners} THEN 20 + u * 37 % 345 ELSE 1 + u * 37 % 364 END) * interval '1 day'
          + k * interval '2 hours' + (abs(hashtext('t' || u)) % 3600) * interval '1 second') AS at) t;`,
    },
    {
      label: "progress and activity of the submissions",
      sql: `
        INSERT INTO "Progress" ("id", "userId", "questionId", "status", "attempts", "firstSolvedAt", "bestRuntimeMs",
          "lastActivityAt", "createdAt", "updatedAt")
        SELECT md5('progress:' || s."userId" || ':' || p."questionId")::uuid, s."userId", p."questionId",
               (CASE WHEN bool_or(s."verdict" = 'ACCEPTED') THEN 'SOLVED' ELSE 'ATTEMPTED' END)::"ProgressStatus",
               count(*), min(s."finishedAt") FILTER (WHERE s."verdict" = 'ACCEPTED'),
               min(s."runtimeMs") FILTER (WHERE s."verdict" = 'ACCEPTED'),
               max(s."finishedAt"), min(s."finishedAt"), max(s."finishedAt")
        FROM "Submission" s JOIN problems p ON p."id" = s."problemId"
        GROUP BY s."userId", p."questionId";
        INSERT INTO "ActivityDay" ("userId", "day", "count")
        SELECT s."userId", s."finishedAt"::date, count(*) FROM "Submission" s GROUP BY 1, 2;`,
    },
    {
      label: "review cards and their progress",
      // Learner u's j-th card is concept question (u·53 + j·⌊C/${cardsPerLearner}⌋) mod C: distinct per learner.
      sql: `
        CREATE TEMP TABLE concepts AS
          SELECT row_number() OVER (ORDER BY "id") - 1 AS n, "id" FROM "Question"
          WHERE "kind" = 'CONCEPT' AND "status" = 'PUBLISHED';
        CREATE UNIQUE INDEX ON concepts (n);
        ANALYZE concepts;
        INSERT INTO "ReviewCard" ("id", "userId", "questionId", "due", "stability", "difficulty", "elapsedDays",
          "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "createdAt", "updatedAt")
        SELECT md5('card:' || u || ':' || j)::uuid, ${learnerIdSql("u")}, c."id", d.due,
               1 + abs(hashtext('s' || u || ':' || j)) % 60, 5, 3, 10, 0, 3, abs(hashtext('l' || u || ':' || j)) % 2,
               'REVIEW', d.due - interval '10 days', d.due - interval '40 days', d.due - interval '10 days'
        FROM generate_series(1, ${learners}) u
        CROSS JOIN generate_series(0, ${cardsPerLearner - 1}) j
        JOIN concepts c ON c.n = (u * 53 + j * greatest(1, (SELECT count(*) FROM concepts) / ${cardsPerLearner}))
                                 % (SELECT count(*) FROM concepts)
        CROSS JOIN LATERAL (SELECT date_trunc('milliseconds',
          now() + ((abs(hashtext('d' || u || ':' || j)) % 86400 * 60) - 43200 * 60) * interval '1 second') AS due) d
        ON CONFLICT ("userId", "questionId") DO NOTHING;
        INSERT INTO "Progress" ("id", "userId", "questionId", "status", "attempts", "firstSolvedAt", "lastActivityAt",
          "createdAt", "updatedAt")
        SELECT md5('progress:' || c."userId" || ':' || c."questionId")::uuid, c."userId", c."questionId",
               'SOLVED', c."reps", c."createdAt", c."lastReview", c."createdAt", c."lastReview"
        FROM "ReviewCard" c
        ON CONFLICT ("userId", "questionId") DO NOTHING;`,
    },
    {
      label: "leaderboard (earned solves and standings)",
      // As the migration's backfill: the standings by one aggregate rather than a trigger call per row.
      sql: `
        ALTER TABLE "EarnedSolve" DISABLE TRIGGER "EarnedSolve_standing";
        INSERT INTO "EarnedSolve" ("userId", "questionId", "solvedAt")
        SELECT p."userId", p."questionId", p."firstSolvedAt"
        FROM "Progress" p JOIN "Question" q ON q."id" = p."questionId" AND q."kind" = 'CODING'
        WHERE p."firstSolvedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "GiveUp" g WHERE g."userId" = p."userId" AND g."questionId" = p."questionId"
                            AND g."gaveUpAt" <= p."firstSolvedAt")
        ON CONFLICT DO NOTHING;
        ALTER TABLE "EarnedSolve" ENABLE TRIGGER "EarnedSolve_standing";
        INSERT INTO "LeaderboardStanding" ("userId", "solved", "lastSolvedAt")
        SELECT "userId", count(*), max("solvedAt") FROM "EarnedSolve" GROUP BY "userId"
        ON CONFLICT ("userId") DO UPDATE SET "solved" = EXCLUDED."solved", "lastSolvedAt" = EXCLUDED."lastSolvedAt";`,
    },
  ];
}

export const COUNTED_TABLES = [
  "Question",
  "CodingProblem",
  "User",
  "AuthToken",
  "Submission",
  "Progress",
  "ActivityDay",
  "ReviewCard",
  "EarnedSolve",
  "LeaderboardStanding",
] as const;

/**
 * Generates the data set into the migrated, seeded database at `url` and ANALYZEs it. `log` hears each step with its
 * duration. Returns the row count of each table.
 */
export async function generateScaleData(
  url: string,
  sizes: ScaleSizes,
  log: (line: string) => void = () => {},
): Promise<GeneratedCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One session: the temporary tables live across the steps. Bulk-load settings for this session only.
    await client.query("SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'");
    for (const step of steps(sizes)) {
      const started = performance.now();
      await client.query(step.sql);
      log(`${step.label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.end();
  }
  return analyzeAndCount(url, log);
}

/** VACUUM ANALYZE (the planner sees the sizes), then the row count of each generated table. */
export async function analyzeAndCount(url: string, log: (line: string) => void = () => {}): Promise<GeneratedCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query("VACUUM ANALYZE");
    log(`VACUUM ANALYZE: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const counts: GeneratedCounts = {};
    for (const table of COUNTED_TABLES) {
      const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${table}"`);
      counts[table] = rows[0]?.count ?? 0;
    }
    return counts;
  } finally {
    await client.end();
  }
}
