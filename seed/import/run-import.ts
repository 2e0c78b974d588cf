import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Document } from "yaml";
import { type CodingTheme, codingThemeOf } from "./coding-themes.ts";
import {
  type ContentFile,
  findFileFor,
  readContentFiles,
  refreshFile,
  SKELETON_HEADER,
  saveDocument,
  skeletonFor,
} from "./content-files.ts";
import { type MergedQuestion, type MergeResult, mergeOccurrences } from "./merge.ts";
import { parseArticle } from "./parse-article.ts";

export type ConceptFileAction =
  | { action: "new"; path: string; question: MergedQuestion }
  | { action: "unchanged" | "filled"; path: string; question: MergedQuestion; filled: string[]; differs: string[] };

export type CodingMapping = {
  question: MergedQuestion;
  theme: CodingTheme | undefined;
  /** Kernel id → coding files bound to it (empty: no problem written for that kernel yet). */
  files: Map<string, string[]>;
};

export type ImportReport = {
  occurrences: number;
  merge: MergeResult;
  concepts: ConceptFileAction[];
  /**
   * Concept files that cite the article (a `source`) but match none of its questions. A file without a source is a
   * question written beyond the article (the inference track's) and is no orphan.
   */
  orphans: string[];
  coding: CodingMapping[];
};

/** Merges the article's questions; maps concept questions to files under `<contentDir>/concepts`, coding ones to kernels. */
export async function runImport(options: {
  article: string;
  contentDir: string;
  /** The folder of problem folders the coding exercises map to (src/problems for the shipped content). */
  problemsDir: string;
  write: boolean;
}): Promise<ImportReport> {
  const entries = parseArticle(await readFile(options.article, "utf8"));
  const merge = mergeOccurrences(entries);
  const conceptDir = join(options.contentDir, "concepts");
  const conceptFiles = await readContentFiles(conceptDir);
  const { problemsDir } = options;

  const concepts: ConceptFileAction[] = [];
  const matched = new Set<ContentFile>();
  for (const question of merge.questions.filter((q) => q.kind === "CONCEPT")) {
    const file = findFileFor(question, conceptFiles);
    if (!file) {
      const { slug, data } = skeletonFor(question);
      const path = join(conceptDir, `${slug}.yaml`);
      if (options.write) {
        const document = new Document(data);
        document.commentBefore = SKELETON_HEADER;
        await saveDocument(path, document);
      }
      concepts.push({ action: "new", path, question });
      continue;
    }
    matched.add(file);
    const { filled, differs } = refreshFile(file, question);
    if (filled.length > 0 && options.write) await saveDocument(file.path, file.document);
    concepts.push({ action: filled.length > 0 ? "filled" : "unchanged", path: file.path, question, filled, differs });
  }

  const coding = merge.questions
    .filter((q) => q.kind === "CODING")
    .map((question): CodingMapping => {
      const theme = codingThemeOf(question.heading);
      const files = new Map<string, string[]>();
      for (const kernelId of theme?.kernelIds ?? []) {
        // A problem's folder is named by its id; its statement is the folder's problem.yaml.
        const statement = join(problemsDir, kernelId, "problem.yaml");
        files.set(kernelId, existsSync(statement) ? [statement] : []);
      }
      return { question, theme, files };
    });

  return {
    occurrences: entries.length,
    merge,
    concepts,
    // Only a file taken from the article can lose its question; original questions have no source to match.
    orphans: conceptFiles.filter((file) => file.fromArticle && !matched.has(file)).map((file) => file.path),
    coding,
  };
}

export function formatImportReport(report: ImportReport): string[] {
  const { questions, keptApart } = report.merge;
  const concept = questions.filter((q) => q.kind === "CONCEPT").length;
  const lines = [
    `article: ${report.occurrences} question occurrences → ${questions.length} distinct questions ` +
      `(${concept} concept, ${questions.length - concept} coding exercises)`,
    "",
    "merged repeats:",
  ];
  for (const question of questions.filter((q) => q.occurrences.length > 1)) {
    lines.push(
      `  «${question.heading}» ×${question.occurrences.length} (lines ${question.occurrences.map((o) => o.line).join(", ")})`,
    );
    for (const reason of question.reasons) lines.push(`      ${reason}`);
  }
  lines.push("", "kept apart (similar headings, different answers):");
  for (const pair of keptApart) lines.push(`  «${pair.a.heading}» ≠ «${pair.b.heading}»: ${pair.reason}`);
  lines.push("", "coding exercises → problems (one folder each under src/problems):");
  for (const mapping of report.coding) {
    if (!mapping.theme) {
      lines.push(`  «${mapping.question.heading}» → NO KERNEL: add a theme to seed/import/coding-themes.ts`);
      continue;
    }
    const kernels = [...mapping.files].map(
      ([id, paths]) => `${id} (${paths.length > 0 ? paths.join(", ") : "no file yet"})`,
    );
    lines.push(`  «${mapping.question.heading}» → ${mapping.theme.theme}: ${kernels.join("; ")}`);
  }
  lines.push("", "concept files:");
  for (const item of report.concepts) {
    if (item.action === "new") {
      lines.push(`  new        ${item.path}  (skeleton for «${item.question.heading}»: review it)`);
      continue;
    }
    const notes = [
      item.filled.length > 0 ? `filled ${item.filled.join(", ")}` : "",
      item.differs.length > 0 ? `reviewed ${item.differs.join(", ")} differs from the article (kept)` : "",
    ].filter(Boolean);
    lines.push(`  ${item.action.padEnd(10)} ${item.path}${notes.length > 0 ? `  (${notes.join("; ")})` : ""}`);
  }
  for (const path of report.orphans) lines.push(`  orphan     ${path}  (matches no question of the article)`);
  return lines;
}
