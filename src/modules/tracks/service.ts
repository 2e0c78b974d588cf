import type { Db } from "../../db.ts";
import { queryRows } from "../../db.ts";
import type { Track } from "../../generated/prisma/client.ts";
import { ContentValidationError } from "../content/errors.ts";
import { type TrackContent, trackContentSchema } from "./content-schema.ts";
import { type TrackItemRow, trackItemsSql } from "./sql.ts";

export type TrackSaveOutcome = "created" | "updated" | "unchanged";

/** Validates untrusted input (a parsed track file) against the track schema. */
export function parseTrackContent(input: unknown): TrackContent {
  const result = trackContentSchema.safeParse(input);
  if (!result.success) {
    throw new ContentValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
    );
  }
  return result.data;
}

/** A track's items split into the slugs of existing questions and the ones no question has (yet). */
export function splitKnownItems(
  content: TrackContent,
  knownSlugs: ReadonlySet<string>,
): { known: string[]; unknown: string[] } {
  return {
    known: content.items.filter((slug) => knownSlugs.has(slug)),
    unknown: content.items.filter((slug) => !knownSlugs.has(slug)),
  };
}

function trackColumns(content: TrackContent) {
  return {
    sortOrder: content.order,
    level: content.level,
    titleZh: content.title.zh,
    titleEn: content.title.en,
    descriptionZh: content.description.zh,
    descriptionEn: content.description.en,
  };
}

/** What saveTrack would do with these item slugs, without writing (also its own first step). */
export async function planTrack(
  db: Db,
  content: TrackContent,
  itemSlugs: readonly string[],
): Promise<TrackSaveOutcome> {
  const stored = await db.track.findUnique({
    where: { slug: content.slug },
    include: { items: { orderBy: { position: "asc" }, select: { question: { select: { slug: true } } } } },
  });
  if (!stored) return "created";
  const columns = trackColumns(content);
  const sameColumns = (Object.keys(columns) as (keyof typeof columns)[]).every((key) => stored[key] === columns[key]);
  const storedSlugs = stored.items.map((item) => item.question.slug);
  const sameItems = storedSlugs.length === itemSlugs.length && storedSlugs.every((slug, i) => slug === itemSlugs[i]);
  return sameColumns && sameItems ? "unchanged" : "updated";
}

/**
 * Creates or updates the track `content.slug` with the given items (slugs of existing questions, in order), in one
 * transaction; nothing is written when it is unchanged. Learners' progress is not stored on tracks, so rewriting
 * the items loses nothing.
 */
export async function saveTrack(
  db: Db,
  content: TrackContent,
  itemSlugs: readonly string[],
): Promise<TrackSaveOutcome> {
  const outcome = await planTrack(db, content, itemSlugs);
  if (outcome === "unchanged") return outcome;
  await db.$transaction(async (tx) => {
    // Two seeds at once write one track after the other (its items are deleted and written again).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`track:${content.slug}`}))`;
    const questions = await tx.question.findMany({
      where: { slug: { in: [...itemSlugs] } },
      select: { id: true, slug: true },
    });
    const idBySlug = new Map(questions.map((question) => [question.slug, question.id]));
    const missing = itemSlugs.filter((slug) => !idBySlug.has(slug));
    if (missing.length > 0) {
      throw new ContentValidationError(missing.map((slug) => ({ path: "items", message: `no question "${slug}"` })));
    }
    const track = await tx.track.upsert({
      where: { slug: content.slug },
      create: { slug: content.slug, ...trackColumns(content) },
      update: trackColumns(content),
    });
    await tx.trackItem.deleteMany({ where: { trackId: track.id } });
    await tx.trackItem.createMany({
      data: itemSlugs.map((slug, position) => ({
        trackId: track.id,
        position,
        questionId: idBySlug.get(slug) as string,
      })),
    });
  });
  return outcome;
}

/**
 * Tracks whose slug starts with `slugPrefix` and is not in `keepSlugs`: their files are gone. With `dryRun` they are
 * only listed; otherwise deleted (a track holds no learner data: progress stays on the questions).
 */
export async function removeMissingTracks(
  db: Db,
  keepSlugs: Iterable<string>,
  options: { slugPrefix?: string; dryRun?: boolean } = {},
): Promise<string[]> {
  const where = { slug: { notIn: [...keepSlugs], startsWith: options.slugPrefix ?? "" } };
  const gone = await db.track.findMany({ where, select: { slug: true }, orderBy: { slug: "asc" } });
  if (!options.dryRun && gone.length > 0) {
    await db.track.deleteMany({ where: { slug: { in: gone.map((track) => track.slug) } } });
  }
  return gone.map((track) => track.slug);
}

/** Every track, in the authored order. */
export function listTracks(db: Db): Promise<Track[]> {
  return db.track.findMany({ orderBy: [{ sortOrder: "asc" }, { slug: "asc" }] });
}

/** Published items of the given tracks with the viewer's standing, grouped per track in order (one statement). */
export async function trackItemsMany(
  db: Db,
  trackIds: readonly string[],
  viewerId: string | null,
): Promise<TrackItemRow[][]> {
  const rows = await queryRows<TrackItemRow>(db, trackItemsSql(trackIds, viewerId));
  const byTrack = new Map<string, TrackItemRow[]>(trackIds.map((id) => [id, []]));
  for (const row of rows) byTrack.get(row.trackId)?.push(row);
  return trackIds.map((id) => byTrack.get(id) ?? []);
}

export type TrackItemView = { position: number; row: TrackItemRow; viewerId: string | null };
export type TrackProgressView = { done: number; total: number; next: TrackItemView | null };

/** A track's items as the API shows them: positions 1, 2, … over the published items. */
export function itemViews(rows: readonly TrackItemRow[], viewerId: string | null): TrackItemView[] {
  return rows.map((row, index) => ({ position: index + 1, row, viewerId }));
}

/** Done / total by the solved rule, and the first item in order that is not done (null when all are). */
export function trackProgress(items: readonly TrackItemView[]): TrackProgressView {
  const done = items.filter((item) => item.row.solved).length;
  return { done, total: items.length, next: items.find((item) => !item.row.solved) ?? null };
}
