import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import type { TopicContent } from "../src/modules/content/content-schema.ts";
import type { ResolvedCoding } from "../src/modules/content/derive.ts";
import {
  ContentValidationError,
  missingTopicIssues,
  type PreparedQuestion,
  parseQuestionContent,
  parseTopics,
  prepareQuestion,
} from "../src/modules/content/service.ts";
import type { TrackContent } from "../src/modules/tracks/content-schema.ts";
import { parseTrackContent } from "../src/modules/tracks/service.ts";

export const TOPICS_FILE = "topics.yaml";
/** Track files live in this folder of a content directory (one YAML per track); they are not question files. */
export const TRACKS_FOLDER = "tracks";

/** The shipped content: topics and concept questions (one YAML per question). */
export const CONTENT_DIR = fileURLToPath(new URL("./content", import.meta.url));
/** The shipped coding problems: one folder each, its statement in `problem.yaml`. */
export const PROBLEMS_DIR = fileURLToPath(new URL("../src/problems", import.meta.url));

/** The check a file failed first; checks run in this order, so "kernel" means YAML, schema and topics passed. */
export type FailedStage = "read" | "yaml" | "schema" | "topics" | "kernel" | "duplicate";

export type LoadedQuestionFile =
  | { ok: true; path: string; prepared: PreparedQuestion }
  /** `slugHint`: the slug the file names (or its file name), so a broken file never gets its question archived. */
  | { ok: false; path: string; slugHint: string; stage: FailedStage; reason: string };

export type LoadedTopics =
  | { ok: true; path: string; topics: TopicContent[] }
  | { ok: false; path: string; reason: string };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readYaml(
  path: string,
): Promise<{ ok: true; value: unknown } | { ok: false; stage: FailedStage; reason: string }> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    return { ok: false, stage: "read", reason: describe(error) };
  }
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, stage: "yaml", reason: `invalid YAML: ${document.errors.map((e) => e.message).join("; ")}` };
  }
  return { ok: true, value: document.toJS() };
}

export async function loadTopics(dir: string): Promise<LoadedTopics> {
  const path = join(dir, TOPICS_FILE);
  const read = await readYaml(path);
  if (!read.ok) return { ok: false, path, reason: read.reason };
  try {
    return { ok: true, path, topics: parseTopics(read.value) };
  } catch (error) {
    return { ok: false, path, reason: describe(error) };
  }
}

/**
 * Every question file under `dirs` (recursively, *.yaml / *.yml, except a topics file and the tracks folder at a
 * folder's top), sorted by path within each folder, the folders in the order given.
 */
export async function listQuestionFiles(dirs: string | readonly string[]): Promise<string[]> {
  const paths: string[] = [];
  for (const dir of typeof dirs === "string" ? [dirs] : dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    paths.push(
      ...entries
        .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .filter((path) => path !== join(dir, TOPICS_FILE) && !path.startsWith(join(dir, TRACKS_FOLDER, "/")))
        .sort(),
    );
  }
  return paths;
}

function slugHintOf(value: unknown, path: string): string {
  if (value && typeof value === "object" && "slug" in value && typeof value.slug === "string") return value.slug;
  return basename(path).replace(/\.ya?ml$/, "");
}

/** Reads and validates one question file: YAML, schema, topic references, then the kernel. */
export async function loadQuestionFile(path: string, knownTopics: ReadonlySet<string>): Promise<LoadedQuestionFile> {
  const read = await readYaml(path);
  if (!read.ok)
    return { ok: false, path, slugHint: slugHintOf(undefined, path), stage: read.stage, reason: read.reason };
  const slugHint = slugHintOf(read.value, path);
  const fail = (stage: FailedStage, error: unknown): LoadedQuestionFile => ({
    ok: false,
    path,
    slugHint,
    stage,
    reason: describe(error),
  });
  let content: ReturnType<typeof parseQuestionContent>;
  try {
    content = parseQuestionContent(read.value);
  } catch (error) {
    return fail("schema", error);
  }
  const missing = missingTopicIssues(content, knownTopics);
  if (missing.length > 0) return fail("topics", new ContentValidationError(missing));
  try {
    return { ok: true, path, prepared: prepareQuestion(content) };
  } catch (error) {
    if (error instanceof ContentValidationError) return fail("kernel", error);
    throw error;
  }
}

/** Loads every question file; a slug claimed by two files fails the later one (by path order). */
export async function loadQuestionFiles(
  dirs: string | readonly string[],
  knownTopics: ReadonlySet<string>,
): Promise<LoadedQuestionFile[]> {
  const loaded: LoadedQuestionFile[] = [];
  const firstPathBySlug = new Map<string, string>();
  for (const path of await listQuestionFiles(dirs)) {
    const file = await loadQuestionFile(path, knownTopics);
    const slug = file.ok ? file.prepared.content.slug : file.slugHint;
    const first = firstPathBySlug.get(slug);
    if (first === undefined) firstPathBySlug.set(slug, path);
    if (file.ok && first !== undefined) {
      loaded.push({
        ok: false,
        path,
        slugHint: slug,
        stage: "duplicate",
        reason: `slug "${slug}" is also used by ${first}`,
      });
    } else {
      loaded.push(file);
    }
  }
  return loaded;
}

/**
 * The coding problems (the `problem.yaml` of each problem folder; topics from the content directory) as the seed
 * stores them: kernel, tolerances, limits and test plan. Throws on the first file that does not load: callers
 * grade with these.
 */
export async function loadCodingProblems(
  problemsDir = PROBLEMS_DIR,
  contentDir = CONTENT_DIR,
): Promise<ResolvedCoding[]> {
  const topics = await loadTopics(contentDir);
  if (!topics.ok) throw new Error(`${topics.path}: ${topics.reason}`);
  const files = await loadQuestionFiles(problemsDir, new Set(topics.topics.map((topic) => topic.slug)));
  return files.flatMap((file) => {
    if (!file.ok) throw new Error(`${file.path}: ${file.stage}: ${file.reason}`);
    return file.prepared.coding ? [file.prepared.coding] : [];
  });
}

export type LoadedTrackFile =
  | { ok: true; path: string; content: TrackContent }
  /** `slugHint`: the slug the file names (or its file name), so a broken file never gets its track removed. */
  | { ok: false; path: string; slugHint: string; reason: string; unreadable: boolean };

/**
 * The track files of a content directory (`tracks/*.yaml`), sorted by path; `present` is false when the directory
 * has no tracks folder (then the seed leaves tracks alone). A slug claimed by two files fails the later one.
 */
export async function loadTrackFiles(dir: string): Promise<{ present: boolean; files: LoadedTrackFile[] }> {
  const folder = join(dir, TRACKS_FOLDER);
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (entries === null) return { present: false, files: [] };
  const paths = entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort();
  const files: LoadedTrackFile[] = [];
  const firstPathBySlug = new Map<string, string>();
  for (const path of paths) {
    const read = await readYaml(path);
    const slugHint = slugHintOf(read.ok ? read.value : undefined, path);
    if (!read.ok) {
      files.push({ ok: false, path, slugHint, reason: `${read.stage}: ${read.reason}`, unreadable: true });
      continue;
    }
    let content: TrackContent;
    try {
      content = parseTrackContent(read.value);
    } catch (error) {
      files.push({ ok: false, path, slugHint, reason: `schema: ${describe(error)}`, unreadable: false });
      continue;
    }
    const first = firstPathBySlug.get(content.slug);
    if (first !== undefined) {
      files.push({
        ok: false,
        path,
        slugHint,
        reason: `duplicate: slug "${content.slug}" is also used by ${first}`,
        unreadable: false,
      });
      continue;
    }
    firstPathBySlug.set(content.slug, path);
    files.push({ ok: true, path, content });
  }
  return { present: true, files };
}
