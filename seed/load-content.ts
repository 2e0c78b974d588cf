import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
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

export const TOPICS_FILE = "topics.yaml";

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

/** Every question file under `dir` (recursively, *.yaml / *.yml, except the topics file), sorted by path. */
export async function listQuestionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => path !== join(dir, TOPICS_FILE))
    .sort();
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
export async function loadQuestionFiles(dir: string, knownTopics: ReadonlySet<string>): Promise<LoadedQuestionFile[]> {
  const loaded: LoadedQuestionFile[] = [];
  const firstPathBySlug = new Map<string, string>();
  for (const path of await listQuestionFiles(dir)) {
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
 * The coding problems of a content directory (its topics file and its `coding/` folder) as the seed stores them:
 * kernel, tolerances, limits and test plan. Throws on the first file that does not load: callers grade with these.
 */
export async function loadCodingProblems(dir: string): Promise<ResolvedCoding[]> {
  const topics = await loadTopics(dir);
  if (!topics.ok) throw new Error(`${topics.path}: ${topics.reason}`);
  const files = await loadQuestionFiles(join(dir, "coding"), new Set(topics.topics.map((topic) => topic.slug)));
  return files.flatMap((file) => {
    if (!file.ok) throw new Error(`${file.path}: ${file.stage}: ${file.reason}`);
    return file.prepared.coding ? [file.prepared.coding] : [];
  });
}
