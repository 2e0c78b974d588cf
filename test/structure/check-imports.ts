import { matchesGlob } from "node:path";
import { fileURLToPath } from "node:url";
import { findCycles, folderOf, type ImportEdge, readImportGraph } from "./import-graph.ts";
import { KNOWN_VIOLATIONS, LAYER_RULES, type LayerRule } from "./import-rules.ts";

const matchesAny = (target: string, patterns: readonly string[]) =>
  patterns.some((pattern) => matchesGlob(target, pattern));

function breaksRule(rule: LayerRule, edge: ImportEdge): boolean {
  if (!matchesGlob(edge.from, rule.from)) return false;
  if (rule.forbid && matchesAny(edge.to, rule.forbid)) return true;
  return rule.allowOnly !== undefined && !matchesAny(edge.to, rule.allowOnly);
}

/**
 * Every way the repository at `root` breaks its layering: layer rules, file-level cycles, folder-level cycles, and
 * allow-list entries that no longer match an import. An empty list means the import graph is clean.
 */
export function importProblems(root: string): string[] {
  const allEdges = readImportGraph(root);
  const present = new Set(allEdges.map((edge) => `${edge.from} -> ${edge.to}`));
  const known = new Set(KNOWN_VIOLATIONS.map(([from, to]) => `${from} -> ${to}`));
  const problems = [...known]
    .filter((edge) => !present.has(edge))
    .map(
      (edge) => `allow-list entry ${edge} no longer matches an import: delete it from test/structure/import-rules.ts`,
    );

  const edges = allEdges.filter((edge) => !known.has(`${edge.from} -> ${edge.to}`));
  for (const rule of LAYER_RULES) {
    for (const edge of edges.filter((candidate) => breaksRule(rule, candidate))) {
      problems.push(`${rule.name}: ${edge.from} imports ${edge.to}`);
    }
  }
  const internal = edges.filter((edge) => edge.internal);
  for (const cycle of findCycles(internal)) problems.push(`file-level import cycle: ${cycle.join(" → ")}`);
  const folderEdges = internal.map((edge) => ({ from: folderOf(edge.from), to: folderOf(edge.to) }));
  for (const cycle of findCycles(folderEdges)) {
    const [from, to] = cycle;
    const witness = internal.find((edge) => folderOf(edge.from) === from && folderOf(edge.to) === to);
    problems.push(`folder-level import cycle: ${cycle.join(" → ")} (e.g. ${witness?.from} imports ${witness?.to})`);
  }
  return problems;
}

export const REPOSITORY_ROOT = fileURLToPath(new URL("../..", import.meta.url));

// `npm run lint` runs this file directly.
if (import.meta.main) {
  const problems = importProblems(REPOSITORY_ROOT);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log("imports: no cycle, every layer rule kept");
}
