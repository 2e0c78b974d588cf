import type { Resolvers } from "../../generated/graphql.ts";
import type { Track } from "../../generated/prisma/client.ts";
import { type LocaleArgs, localized } from "../../lib/locale.ts";
import type { Context } from "../auth/context.ts";
import { trackBySlug, trackItemsByTrackId } from "./loaders.ts";
import { itemViews, listTracks, type TrackItemView, trackProgress } from "./service.ts";

async function itemsOf(track: Track, ctx: Context): Promise<TrackItemView[]> {
  return itemViews(await trackItemsByTrackId(ctx).load(track.id), ctx.user?.id ?? null);
}

export const resolvers: Resolvers = {
  Query: {
    tracks: (_: unknown, __: unknown, ctx: Context) => listTracks(ctx.db),
    track: (_: unknown, args: { slug: string }, ctx: Context) => trackBySlug(ctx).load(args.slug),
  },
  Track: {
    title: (track: Track, args: LocaleArgs) => localized(track.titleZh, track.titleEn, args),
    description: (track: Track, args: LocaleArgs) => localized(track.descriptionZh, track.descriptionEn, args),
    items: (track: Track, _: unknown, ctx: Context) => itemsOf(track, ctx),
    itemCount: async (track: Track, _: unknown, ctx: Context) => (await itemsOf(track, ctx)).length,
    progress: async (track: Track, _: unknown, ctx: Context) =>
      ctx.user ? trackProgress(await itemsOf(track, ctx)) : null,
  },
  TrackItem: {
    question: (item: TrackItemView) => item.row,
    status: (item: TrackItemView) => (item.viewerId ? (item.row.progressStatus ?? "NOT_STARTED") : null),
    done: (item: TrackItemView) => (item.viewerId ? item.row.solved : null),
  },
};
