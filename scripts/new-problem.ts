// `npm run new-problem -- <slug>`: scaffolds src/problems/<slug>/ (kernel.ts, python.ts, wrong.ts, problem.yaml,
// check.py, index.ts) and regenerates src/problems/all.ts. Every place to fill in is marked TODO(new-problem):
// the reference and check.py throw, there are no wrong solutions and no hints, so `npm run check-problem --
// <slug>` fails until the problem is written (docs/authoring-problems.md walks through it).
//   --problems-dir <dir>   scaffold somewhere else (all.ts is then left alone)
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { INDEX_FILE, PROBLEMS_DIR, problemFolders, renderIndex } from "./problems-index.ts";

/** The marker of every place the author must fill in; the "filled in" gate fails while one is left. */
export const TODO = "TODO(new-problem)";
const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const camel = (slug: string) => slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (slug: string) => slug.replaceAll("-", "_");

export function scaffoldFiles(slug: string): Record<string, string> {
  const fn = camel(slug);
  const py = snake(slug);
  const kernel = `${fn}Kernel`;
  const form = `${fn}Python`;
  return {
    "kernel.ts": `import { requireVector } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";

// ${TODO}: the kernel's arguments and result (plain data, Float64Array for large buffers).
type Args = [x: number[]];

/** ${TODO}: what the reference computes, in one line. Pure: never modifies its arguments. */
export function ${fn}(x: number[]): number[] {
  requireVector(x, "x");
  throw new Error("${TODO}: write the reference kernel of ${slug}");
}

export const ${kernel}: KernelSpec<Args, number[]> = {
  id: "${slug}",
  functionName: "${fn}",
  signature: "function ${fn}(x: number[]): number[]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  // At least 2 samples and 6 hidden tests; performance tests only if the problem is ranked by speed (then naive.ts).
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: ${fn},
  generate(kind, index, rng) {
    // ${TODO}: sample 0 is the statement's example; hidden tests start with hand-written edge cases by index,
    // then random ones. Everything drawn comes from rng (hidden tests depend on the deployment's secret).
    if (kind === "sample" && index === 0) return [[1, 2, 3]];
    return [rng.floats(rng.int(1, 8), -5, 5)];
  },
  starterCode: \`function ${fn}(x: number[]): number[] {
  // ${TODO}: what to compute, in two or three lines. The starter compiles and fails a test.
  return [];
}
\`,
  solutionCode: \`function ${fn}(x: number[]): number[] {
  throw new Error("${TODO}: the reference solution in learner form (no imports)");
}
\`,
};
`,
    "python.ts": `import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

// ${TODO}: the Python form. argKinds say how each kernel argument reaches the learner (src/kernels/python/
// arg-kinds.ts); an adapter converts kernel form ⇄ Python form where they differ (flat buffers ⇄ 2-D arrays,
// camelCase ⇄ snake_case keys: src/kernels/python/adapter.ts).
export const ${form}: PythonForm = {
  kernelId: "${slug}",
  functionName: "${py}",
  signature: "def ${py}(x: np.ndarray) -> np.ndarray",
  argKinds: ["ndarray1d"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: \`import numpy as np


def ${py}(x: np.ndarray) -> np.ndarray:
    # ${TODO}: what to compute, in two or three lines. The starter runs and fails a test.
    return np.zeros(0)
\`,
  solutionCode: \`import numpy as np


def ${py}(x: np.ndarray) -> np.ndarray:
    raise NotImplementedError("${TODO}: the Python reference solution")
\`,
};
`,
    "wrong.ts": `import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

// ${TODO}: at least five wrong solutions per language, each a plausible learner mistake made by editing the
// reference: edited(solutionCode, "one line: the mistake and where it shows", [[find, replace]]) from
// src/kernels/wrong-solutions.ts (each find must occur exactly once). The problem's tests must reject every one.

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [];

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [];
`,
    "index.ts": `import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ${kernel} } from "./kernel.ts";
import { ${form} } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "${slug}",
  kernel: ${kernel},
  python: ${form},
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  // ${TODO}: npm run check-problem -- ${slug} prints the hash ("pinned tests") once the generator is written.
  pinnedTestHash: "${TODO}",
  // ${TODO}: the Chinese of every comment line of both starters, keyed by its English text ("starter comments zh").
  starterCommentsZh: {},
  // ${TODO}: the Chinese of python.ts's \`allowed\` (what a Python solution may use).
  allowedZh: "${TODO}",
};
`,
    "check.py": `"""Independent check of ${slug}: ${TODO} (say how it computes the result differently from the reference).

Written from problem.yaml alone, in plain numpy, without reading kernel.ts: the gate runs it on every generated
test and compares with the reference at the problem's tolerance. It defines the Python form's function.
"""

import numpy as np


def ${py}(x: np.ndarray) -> np.ndarray:
    raise NotImplementedError("${TODO}: the independent implementation")
`,
    "problem.yaml": `# ${TODO}: every text in Chinese (zh) and English (en). docs/authoring-problems.md lists what each part is for.
slug: ${slug}
kind: CODING
difficulty: EASY # ${TODO}: EASY, MEDIUM or HARD
status: DRAFT
topics: [ai-infrastructure] # ${TODO}: slugs from seed/content/topics.yaml
title:
  zh: "${TODO}"
  en: "${TODO}"
# The body is shared by both languages: no types, no function name, no result key names. {{language}} is where
# each language's own part (languages.typescript / languages.python) goes.
body:
  zh: |
    ${TODO}

    {{language}}
  en: |
    ${TODO}

    {{language}}
languages:
  typescript:
    body:
      zh: |
        ${TODO}: 实现 \`${fn}(x)\`：签名、参数的类型与形状、示例（TypeScript 的写法）。
      en: |
        ${TODO}: Implement \`${fn}(x)\`: the signature, argument types and shapes, the example as TypeScript calls it.
  python:
    body:
      zh: |
        ${TODO}: 实现 \`${py}(x)\`：签名、numpy 数组的形状、示例（Python 的写法，结果字典用 snake_case 键）。
      en: |
        ${TODO}: Implement \`${py}(x)\`: the signature, numpy array shapes, the example as Python calls it (result dicts with snake_case keys).
answer:
  zh: "${TODO}"
  en: "${TODO}"
explanation:
  zh: "${TODO}"
  en: "${TODO}"
coding:
  timeLimitMs: 2000
  memoryLimitMb: 64
  testPlan: { seed: ${20261129} }
constraints:
  - zh: "${TODO}"
    en: "${TODO}"
# ${TODO}: hints: 2–3, graduated: the first points at the idea, the last nearly names the method.
# ${TODO}: editorial: approach, naive, complexity { time, space }, pitfalls (each text in zh and en).
followUps:
  - question:
      zh: "${TODO}"
      en: "${TODO}"
    answer:
      zh: "${TODO}: the answer a strong candidate would give"
      en: "${TODO}: the answer a strong candidate would give"
related:
  problems: []
  concepts: [] # ${TODO}: at least one related problem or concept
references:
  - title: "${TODO}"
`,
  };
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "problems-dir": { type: "string" } },
  });
  const [slug] = positionals;
  if (!slug || positionals.length !== 1) {
    console.error("usage: npm run new-problem -- <slug>   (lower-case words joined by hyphens, e.g. batch-norm)");
    return 2;
  }
  if (!SLUG.test(slug)) {
    console.error(
      `"${slug}" is not a slug: lower-case letters and digits in words joined by single hyphens, starting with a letter`,
    );
    return 2;
  }
  const dir = resolve(values["problems-dir"] ?? PROBLEMS_DIR);
  const folder = join(dir, slug);
  if (existsSync(folder)) {
    console.error(`${folder} already exists`);
    return 1;
  }
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(scaffoldFiles(slug))) writeFileSync(join(folder, name), text);
  console.log(`created ${folder}/ (${Object.keys(scaffoldFiles(slug)).join(", ")})`);
  if (dir === resolve(PROBLEMS_DIR)) {
    writeFileSync(INDEX_FILE, renderIndex(problemFolders()));
    console.log("regenerated src/problems/all.ts");
  }
  console.log(`next: fill in every ${TODO}, then npm run check-problem -- ${slug}`);
  return 0;
}

if (import.meta.main) process.exitCode = main();
