-- A maintained leaderboard: EarnedSolve holds each solve that counts (SOLVED_RULE in
-- src/modules/progress/solved-rule.ts, admins' included: the read leaves them out), LeaderboardStanding the count and
-- latest solve per learner. The grader inserts the EarnedSolve row in its verdict statement; a trigger keeps the
-- standing in step within the same statement, for inserts and for deletes (cascades from Progress, User or Question,
-- and give-ups dated at or before a solve). The leaderboard no longer aggregates Progress per request.

-- CreateTable
CREATE TABLE "EarnedSolve" (
    "userId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "solvedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EarnedSolve_pkey" PRIMARY KEY ("userId","questionId")
);

-- CreateTable
CREATE TABLE "LeaderboardStanding" (
    "userId" UUID NOT NULL,
    "solved" INTEGER NOT NULL,
    "lastSolvedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LeaderboardStanding_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "EarnedSolve_solvedAt_userId_idx" ON "EarnedSolve"("solvedAt", "userId");

-- CreateIndex
CREATE INDEX "LeaderboardStanding_solved_lastSolvedAt_idx" ON "LeaderboardStanding"("solved" DESC, "lastSolvedAt");

-- AddForeignKey
ALTER TABLE "EarnedSolve" ADD CONSTRAINT "EarnedSolve_userId_questionId_fkey" FOREIGN KEY ("userId", "questionId") REFERENCES "Progress"("userId", "questionId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardStanding" ADD CONSTRAINT "LeaderboardStanding_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the same rows earnedSolvesSql() selected, without its admin filter.
INSERT INTO "EarnedSolve" ("userId", "questionId", "solvedAt")
SELECT p."userId", p."questionId", p."firstSolvedAt"
FROM "Progress" p
JOIN "Question" q ON q."id" = p."questionId" AND q."kind" = 'CODING'
WHERE p."firstSolvedAt" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "GiveUp" g
    WHERE g."userId" = p."userId" AND g."questionId" = p."questionId" AND g."gaveUpAt" <= p."firstSolvedAt");

INSERT INTO "LeaderboardStanding" ("userId", "solved", "lastSolvedAt")
SELECT "userId", count(*)::int, max("solvedAt") FROM "EarnedSolve" GROUP BY "userId";

-- From here on the trigger keeps LeaderboardStanding equal to that aggregate.
CREATE FUNCTION "leaderboard_standing_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "LeaderboardStanding" AS s ("userId", "solved", "lastSolvedAt")
    VALUES (NEW."userId", 1, NEW."solvedAt")
    ON CONFLICT ("userId") DO UPDATE SET
      "solved" = s."solved" + 1,
      "lastSolvedAt" = GREATEST(s."lastSolvedAt", EXCLUDED."lastSolvedAt");
  ELSIF TG_OP = 'DELETE' THEN
    -- An AFTER trigger sees the statement's deletes: the learner's remaining solves (by EarnedSolve's primary key).
    UPDATE "LeaderboardStanding" AS s SET
      "solved" = s."solved" - 1,
      "lastSolvedAt" = COALESCE(
        (SELECT max(e."solvedAt") FROM "EarnedSolve" e WHERE e."userId" = OLD."userId"), s."lastSolvedAt")
    WHERE s."userId" = OLD."userId";
    DELETE FROM "LeaderboardStanding" WHERE "userId" = OLD."userId" AND "solved" <= 0;
  ELSE
    RAISE EXCEPTION 'EarnedSolve rows never change: delete and insert instead';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "EarnedSolve_standing"
AFTER INSERT OR UPDATE OR DELETE ON "EarnedSolve"
FOR EACH ROW EXECUTE FUNCTION "leaderboard_standing_follow"();
