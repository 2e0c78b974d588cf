import type { Db } from "../src/db.ts";
import { ContentValidationError } from "../src/modules/content/service.ts";
import {
  planTrack,
  removeMissingTracks,
  saveTrack,
  splitKnownItems,
  type TrackSaveOutcome,
} from "../src/modules/tracks/service.ts";
import { loadTrackFiles } from "./load-content.ts";

/** An item a track names that no question has (yet): skipped by the seed, listed in its report. */
export type UnknownTrackItem = { track: string; path: string; slug: string };

/** What the seed did (or, with dryRun, would do) with the track files. Lists hold slugs. */
export type TrackSeedReport = {
  /** False when the content directory has no tracks folder: tracks were left alone. */
  present: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Tracks whose file is gone (deleted: a track holds no learner data). */
  removed: string[];
  unknownItems: UnknownTrackItem[];
  /** Broken files, with path and reason; the other tracks are still seeded. */
  failed: { path: string; reason: string }[];
  /** Why removing tracks whose file is gone was skipped this run (a file whose slug could not be read), or null. */
  removeSkipped: string | null;
};

export function emptyTrackReport(): TrackSeedReport {
  return {
    present: false,
    created: [],
    updated: [],
    unchanged: [],
    removed: [],
    unknownItems: [],
    failed: [],
    removeSkipped: null,
  };
}

export function summarizeTracks(report: TrackSeedReport): string {
  return (
    `tracks: created ${report.created.length}, updated ${report.updated.length}, ` +
    `unchanged ${report.unchanged.length}, removed ${report.removed.length}, ` +
    `unknown items ${report.unknownItems.length}, failed ${report.failed.length}`
  );
}

/**
 * Upserts every valid track file of `dir/tracks` by slug after the questions are seeded. An item naming a slug no
 * question has is skipped with a warning, so a track can list items still being written (a test holds the shipped
 * tracks to existing questions only). `plannedSlugs`: questions a dry run would create, counted as existing.
 */
export async function seedTracks(options: {
  db: Db;
  dir: string;
  dryRun: boolean;
  slugPrefix?: string;
  plannedSlugs?: Iterable<string>;
  log: (line: string) => void;
}): Promise<TrackSeedReport> {
  const { db, dir, dryRun, log } = options;
  const report = emptyTrackReport();
  const loaded = await loadTrackFiles(dir);
  if (!loaded.present) return report;
  report.present = true;

  const existing = await db.question.findMany({ select: { slug: true } });
  const knownSlugs = new Set([...existing.map((question) => question.slug), ...(options.plannedSlugs ?? [])]);
  const keepSlugs = new Set<string>();
  for (const file of loaded.files) {
    if (!file.ok) {
      keepSlugs.add(file.slugHint);
      report.failed.push({ path: file.path, reason: file.reason });
      log(`FAILED     ${file.path}: ${file.reason}`);
      continue;
    }
    const { content } = file;
    keepSlugs.add(content.slug);
    const { known, unknown } = splitKnownItems(content, knownSlugs);
    for (const slug of unknown) {
      report.unknownItems.push({ track: content.slug, path: file.path, slug });
      log(`WARNING    track ${content.slug} (${file.path}): item "${slug}" is not a question yet; skipped`);
    }
    let outcome: TrackSaveOutcome;
    try {
      outcome = dryRun ? await planTrack(db, content, known) : await saveTrack(db, content, known);
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      report.failed.push({ path: file.path, reason: error.message });
      log(`FAILED     ${file.path}: ${error.message}`);
      continue;
    }
    report[outcome].push(content.slug);
    if (outcome !== "unchanged") log(`${`track ${outcome}`.padEnd(16)} ${content.slug}  (${file.path})`);
  }
  // A file that cannot be parsed hides its slug: removing now could remove the track it still holds.
  const unreadable = loaded.files.filter((file) => !file.ok && file.unreadable).length;
  if (unreadable > 0) {
    report.removeSkipped = `${unreadable} track file(s) could not be parsed, so it is unknown which tracks are gone`;
    log(`track removal skipped: ${report.removeSkipped}`);
  } else {
    report.removed = await removeMissingTracks(db, keepSlugs, { slugPrefix: options.slugPrefix, dryRun });
  }
  for (const slug of report.removed) log(`track removed    ${slug}  (no file any more)`);
  log(summarizeTracks(report));
  return report;
}
