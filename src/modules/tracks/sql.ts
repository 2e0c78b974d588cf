import { Prisma } from "../../generated/prisma/client.ts";
import type { QuestionRow } from "../questions/sql.ts";
import { QUESTION_COLUMNS } from "../questions/sql.ts";
import { solvedSql } from "./solved.ts";

/** A published item of a track: the question (a full row, so Question's resolvers read it) and the viewer's standing. */
export type TrackItemRow = QuestionRow & {
  trackId: string;
  /** The item's place in the file (0-based, counting unpublished items too). */
  itemIndex: number;
  /** The viewer's progress status; null when anonymous or never started. */
  progressStatus: "NOT_STARTED" | "ATTEMPTED" | "SOLVED" | "REVIEWING" | null;
  /** Solved by the leaderboard's rule (solved.ts); false when anonymous. */
  solved: boolean;
};

/**
 * Every published item of the given tracks, in track order, with the viewer's progress status and solved flag: one
 * statement however many tracks and items a request asks for.
 */
export function trackItemsSql(trackIds: readonly string[], viewerId: string | null): Prisma.Sql {
  const standing = viewerId
    ? Prisma.sql`(SELECT p."status"::text FROM "Progress" p
         WHERE p."userId" = ${viewerId}::uuid AND p."questionId" = q."id") AS "progressStatus",
       ${solvedSql(viewerId, Prisma.raw("q"))} AS "solved"`
    : Prisma.sql`NULL::text AS "progressStatus", false AS "solved"`;
  return Prisma.sql`SELECT ti."trackId"::text AS "trackId", ti."position" AS "itemIndex", ${QUESTION_COLUMNS}, ${standing}
    FROM "TrackItem" ti JOIN "Question" q ON q."id" = ti."questionId"
    WHERE ti."trackId" = ANY(${[...trackIds]}::uuid[]) AND q."status" = 'PUBLISHED'::"QuestionStatus"
    ORDER BY ti."trackId", ti."position"`;
}
