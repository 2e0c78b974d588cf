import DataLoader from "dataloader";
import type { Track } from "../../generated/prisma/client.ts";
import { byKeys } from "../../graphql/loaders.ts";
import type { Context } from "../auth/context.ts";
import { trackItemsMany } from "./service.ts";
import type { TrackItemRow } from "./sql.ts";

/** Tracks by slug, one statement for every `track(slug)` of a request (aliases included). */
export function trackBySlug(ctx: Context): DataLoader<string, Track | null> {
  return ctx.loaders.get(
    "tracks.trackBySlug",
    () =>
      new DataLoader(async (slugs: readonly string[]) => {
        const rows = await ctx.db.track.findMany({ where: { slug: { in: [...slugs] } } });
        return byKeys(slugs, rows, (row) => row.slug);
      }),
  );
}

/**
 * The published items of tracks with the viewer's standing: one statement for every track of a request, whatever
 * it asks of them (items, their statuses, progress, next item).
 */
export function trackItemsByTrackId(ctx: Context): DataLoader<string, TrackItemRow[]> {
  const viewerId = ctx.user?.id ?? null;
  return ctx.loaders.get(
    "tracks.itemsByTrackId",
    () => new DataLoader((trackIds: readonly string[]) => trackItemsMany(ctx.db, trackIds, viewerId)),
  );
}
