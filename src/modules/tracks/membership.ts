import { Prisma } from "../../generated/prisma/client.ts";

/**
 * A condition on the question `question` (an alias of a "Question" row): it is an item of the track `trackSlug`.
 * The catalogue's `questions(filter: { track })` uses it (a file of its own: the questions module imports it).
 */
export function inTrackSql(question: Prisma.Sql, trackSlug: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "TrackItem" ti JOIN "Track" t ON t."id" = ti."trackId"
    WHERE ti."questionId" = ${question}."id" AND t."slug" = ${trackSlug})`;
}
