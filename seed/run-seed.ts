import type { Db } from "../src/db.ts";
import {
  archiveMissing,
  ContentValidationError,
  findEditedByAdmins,
  findMissing,
  planQuestion,
  refreshSearchTexts,
  type SaveOutcome,
  saveQuestion,
  saveTopics,
  type TopicSaveReport,
} from "../src/modules/content/service.ts";
import { loadQuestionFiles, loadTopics } from "./load-content.ts";
import { emptyTrackReport, seedTracks, type TrackSeedReport } from "./run-tracks.ts";

export type SeedFailure = { path: string; reason: string };

/** What a seed did (or, with dryRun, would do). Lists hold slugs. */
export type SeedReport = {
  dryRun: boolean;
  topics: TopicSaveReport;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Questions an admin edited after seeding whose files differ: left as the admin made them (see `force`). */
  kept: string[];
  archived: string[];
  failed: SeedFailure[];
  /** Why archiving was skipped this run (a file whose slug could not be read), or null. */
  archiveSkipped: string | null;
  /** Questions whose search text was rewritten to follow the text normalisation (no new revision). */
  searchRefreshed: string[];
  tracks: TrackSeedReport;
};

export type SeedOptions = {
  db: Db;
  dir: string;
  /** Folders of coding problems (each `<id>/problem.yaml`) imported with `dir`; the shipped content passes `PROBLEMS_DIR`. */
  problemsDirs?: readonly string[];
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Only questions whose slug starts with this are archived when missing (default: every seeded question). */
  slugPrefix?: string;
  /** Apply files even over an admin's later edits (default: keep the admin's version and report it). */
  force?: boolean;
};

/** True when at least one question file could be imported (the CLI exits non-zero otherwise). */
export function importedAnything(report: SeedReport): boolean {
  return report.created.length + report.updated.length + report.unchanged.length + report.kept.length > 0;
}

async function planTopics(db: Db, topics: { slug: string; zh: string; en: string }[]): Promise<TopicSaveReport> {
  const existing = new Map((await db.topic.findMany()).map((t) => [t.slug, t]));
  const report: TopicSaveReport = { created: [], updated: [], unchanged: [] };
  for (const topic of topics) {
    const current = existing.get(topic.slug);
    if (!current) report.created.push(topic.slug);
    else if (current.nameZh === topic.zh && current.nameEn === topic.en) report.unchanged.push(topic.slug);
    else report.updated.push(topic.slug);
  }
  return report;
}

export function summarize(report: SeedReport): string {
  const tracks = report.tracks;
  const changed =
    report.created.length +
    report.updated.length +
    report.archived.length +
    tracks.created.length +
    tracks.updated.length +
    tracks.removed.length;
  const counts =
    `created ${report.created.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}, ` +
    (report.kept.length > 0 ? `kept ${report.kept.length}, ` : "") +
    `archived ${report.archived.length}, failed ${report.failed.length}`;
  const verdict = changed === 0 ? "no changes" : report.dryRun ? "planned changes" : "changes written";
  return `${report.dryRun ? "dry run (nothing written): " : ""}${verdict}: ${counts}`;
}

/**
 * Loads topics.yaml and every question file under `dir` (and `problemsDirs`), upserts each valid question by slug, archives seeded
 * questions whose files are gone, and reports broken files (with path and reason) without stopping.
 * Database errors propagate: the caller decides how to report an unreachable database.
 */
export async function runSeed({
  db,
  dir,
  problemsDirs = [],
  dryRun = false,
  log = () => {},
  slugPrefix,
  force = false,
}: SeedOptions): Promise<SeedReport> {
  const report: SeedReport = {
    dryRun,
    topics: { created: [], updated: [], unchanged: [] },
    created: [],
    updated: [],
    unchanged: [],
    kept: [],
    archived: [],
    failed: [],
    archiveSkipped: null,
    searchRefreshed: [],
    tracks: emptyTrackReport(),
  };
  const topicsFile = await loadTopics(dir);
  const fileTopics = topicsFile.ok ? topicsFile.topics : [];
  if (!topicsFile.ok) report.failed.push({ path: topicsFile.path, reason: topicsFile.reason });
  report.topics = dryRun ? await planTopics(db, fileTopics) : await saveTopics(db, fileTopics);

  const dbTopics = await db.topic.findMany({ select: { slug: true } });
  const knownTopics = new Set([...fileTopics.map((t) => t.slug), ...dbTopics.map((t) => t.slug)]);
  const files = await loadQuestionFiles([dir, ...problemsDirs], knownTopics);
  const editedByAdmins = force
    ? new Set<string>()
    : await findEditedByAdmins(
        db,
        files.flatMap((file) => (file.ok ? [file.prepared.content.slug] : [])),
      );

  const keepSlugs = new Set<string>();
  for (const file of files) {
    if (!file.ok) {
      keepSlugs.add(file.slugHint);
      report.failed.push({ path: file.path, reason: `${file.stage}: ${file.reason}` });
      log(`FAILED     ${file.path}: ${file.stage}: ${file.reason}`);
      continue;
    }
    const slug = file.prepared.content.slug;
    keepSlugs.add(slug);
    let outcome: SaveOutcome;
    try {
      if (editedByAdmins.has(slug) && (await planQuestion(db, file.prepared)) !== "unchanged") {
        report.kept.push(slug);
        log(`kept       ${slug}  (${file.path}: an admin edited it since; --force applies the file)`);
        continue;
      }
      outcome = dryRun
        ? await planQuestion(db, file.prepared)
        : (await saveQuestion(db, file.prepared.content)).outcome;
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      report.failed.push({ path: file.path, reason: error.message });
      log(`FAILED     ${file.path}: ${error.message}`);
      continue;
    }
    report[outcome].push(slug);
    if (outcome !== "unchanged") log(`${outcome.padEnd(10)} ${slug}  (${file.path})`);
  }

  // A file that cannot be parsed hides its slug: archiving now could archive the question it still holds.
  const unreadable = files.filter((file) => !file.ok && (file.stage === "read" || file.stage === "yaml")).length;
  if (unreadable > 0) {
    report.archiveSkipped = `${unreadable} file(s) could not be parsed, so it is unknown which questions are gone`;
    log(`archiving skipped: ${report.archiveSkipped}`);
  } else {
    report.archived = dryRun
      ? await findMissing(db, keepSlugs, slugPrefix)
      : await archiveMissing(db, keepSlugs, { slugPrefix });
  }
  for (const slug of report.archived) log(`archived   ${slug}  (no file any more)`);
  report.searchRefreshed = await refreshSearchTexts(db, { dryRun, slugPrefix });
  if (report.searchRefreshed.length > 0) {
    log(`search text ${dryRun ? "to refresh" : "refreshed"} for ${report.searchRefreshed.length} question(s)`);
  }
  report.tracks = await seedTracks({ db, dir, dryRun, slugPrefix, plannedSlugs: report.created, log });
  log(summarize(report));
  return report;
}
