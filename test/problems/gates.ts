// The gates a coding problem (one folder of src/problems) must pass, in one place: `npm run check-problem --
// <slug>` runs them for one problem and prints a table; test/problems/gates.test.ts runs them for every folder.
// Solutions are graded exactly as the grader grades a FULL submission, through the real runtimes (the V8
// isolate sandbox for TypeScript, the Python zygote sandbox for Python), on the problem's production test plan.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseDocument } from "yaml";
import { FORBIDDEN_NAMES_FILE, forbiddenNamesRow } from "../../scripts/forbidden-names.ts";
import { TODO } from "../../scripts/new-problem.ts";
import { CONTENT_DIR, loadTopics, PROBLEMS_DIR } from "../../seed/load-content.ts";
import type { ProblemPackage } from "../../src/kernels/problem-package.ts";
import { type ProblemTests, plannedTestCounts, problemTests, sampleTests } from "../../src/kernels/problem-tests.ts";
import { IDENTITY_ADAPTER } from "../../src/kernels/python/adapter.ts";
import { starterComments } from "../../src/kernels/starter-comments.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCounts } from "../../src/kernels/types.ts";
import type { WrongSolution } from "../../src/kernels/wrong-solutions.ts";
import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";
import { localized } from "../../src/lib/locale.ts";
import type { QuestionContent } from "../../src/modules/content/content-schema.ts";
import { type ResolvedCoding, resolveCoding } from "../../src/modules/content/derive.ts";
import { ContentValidationError } from "../../src/modules/content/errors.ts";
import { missingTopicIssues, parseQuestionContent } from "../../src/modules/content/service.ts";
import { approachIn, bodyIn, constraintsIn, languagePartOf } from "../../src/modules/questions/statement.ts";
import { getKernel, type PythonForm, problems, pythonFormOf } from "../../src/problems/registry.ts";
import { type GradeInput, type GradeResult, gradeSubmission } from "../../workers/judge/grade.ts";
import { createIsolateRuntime } from "../../workers/runtimes/isolate/runtime.ts";
import { DEFAULT_PYTHON, HARNESS_DIR } from "../../workers/runtimes/python/install.ts";
import { createPythonJudgeRuntime } from "../../workers/runtimes/python/judge-runtime.ts";
import { PythonRuntime } from "../../workers/runtimes/python/runtime.ts";
import { encodeArguments, frameBody, parseFrame } from "../../workers/runtimes/python/values.ts";
import type { Language, Runtime } from "../../workers/runtimes/runtime.ts";
import { FrameDecoder, lengthPrefixed } from "../../workers/sandbox/framing.ts";
import { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";
import { compileLearnerCode, hashTests, PINNED_TEST_SEED } from "../kernels/helpers/suite-guarantees.ts";

export type GateStatus = "PASS" | "FAIL" | "SKIP";
/** One row of the table: SKIP does not fail a problem (only where a runtime is missing and allowed to be). */
export type GateResult = { gate: string; status: GateStatus; detail: string };

/** Known wrong solutions each language must have. */
export const MIN_WRONG_SOLUTIONS = 5;
/**
 * How much slower (CPU time) the naive solution must be on the performance test than the reference solution,
 * where the problem ranks by speed: below this the test does not separate the two methods it claims to.
 */
export const MIN_NAIVE_SLOWDOWN = 1.5;
const HINTS = { min: 2, max: 3, maxChars: 400 };

const CHECK_DRIVER = fileURLToPath(new URL("./check-driver.py", import.meta.url));

export type GateRuntimes = {
  /** null when not started (or, for Python, when it could not start here; `pythonMissing` says why). */
  typescript: Runtime | null;
  python: Runtime | null;
  pythonMissing: string | null;
  /** Python forms of problems checked from outside the registry (--problems-dir), by id. */
  unregisteredForms: Map<string, PythonForm>;
  close(): Promise<void>;
};

/** One executor and one Python zygote, as a grader with concurrency 1 runs them; only the languages asked for. */
export async function startGateRuntimes(languages = { typescript: true, python: true }): Promise<GateRuntimes> {
  const typescript = languages.typescript
    ? createIsolateRuntime({ pool: await ExecutorPool.start({ size: 1 }) })
    : null;
  let python: Runtime | null = null;
  let pythonMissing: string | null = languages.python ? null : "not started";
  const unregisteredForms = new Map<string, PythonForm>();
  if (languages.python) {
    try {
      const formOf = (id: string) => unregisteredForms.get(id) ?? pythonFormOf(id);
      python = createPythonJudgeRuntime(await PythonRuntime.start({ size: 1 }), formOf);
    } catch (error) {
      pythonMissing = `the Python runtime did not start: ${(error as Error).message}`;
    }
  }
  return {
    typescript,
    python,
    pythonMissing,
    unregisteredForms,
    async close() {
      await python?.close();
      await typescript?.close();
    },
  };
}

export type GateOptions = {
  /** Measure the naive solution's slowdown and fail below MIN_NAIVE_SLOWDOWN (check-problem; never in npm test). */
  measureSpeed: boolean;
  /** Where the problem folders are. Default: src/problems. */
  problemsDir?: string;
  /** Run only these groups of gates (GATE_GROUPS); default: all. */
  only?: readonly string[];
  /** The folder's package, when it is not in the registry (a folder outside src/problems). */
  problem?: ProblemPackage;
};

type Loaded = {
  problem: ProblemPackage;
  content: QuestionContent;
  coding: ResolvedCoding;
  raw: unknown;
  /** null when the generator or the reference throws (`testsError` says how): gates that need them fail. */
  tests: ProblemTests | null;
  testsError: string;
  kernel: AnyKernelSpec;
  counts: TestCounts;
};

const pass = (gate: string, detail: string): GateResult => ({ gate, status: "PASS", detail });
const fail = (gate: string, detail: string): GateResult => ({ gate, status: "FAIL", detail });

/** Runs every gate for the problem in `src/problems/<slug>`. Never throws for a problem's fault: it is a FAIL row. */
export async function runProblemGates(
  slug: string,
  runtimes: GateRuntimes,
  options: GateOptions,
): Promise<GateResult[]> {
  const dir = options.problemsDir ?? PROBLEMS_DIR;
  const results: GateResult[] = [filledInGate(join(dir, slug))];
  const loaded = await loadProblem(slug, dir, options.problem, results);
  if (!loaded) return results;
  if (options.problem) runtimes.unregisteredForms.set(slug, options.problem.python);
  const withTests = (names: string[], run: (tests: ProblemTests) => GateResult[] | Promise<GateResult[]>) =>
    loaded.tests ? run(loaded.tests) : names.map((name) => fail(name, `needs the reference: ${loaded.testsError}`));
  const gates: [group: string, run: () => GateResult[] | Promise<GateResult[]>][] = [
    [
      "statement",
      () => [
        bilingualGate(loaded.raw),
        hintsGate(loaded.content),
        teachingGate(loaded.content),
        followUpAnswersGate(loaded.content),
        starterCommentsGate(loaded.problem),
      ],
    ],
    ["wrong", () => [wrongCountGate(loaded.problem)]],
    [
      "statement",
      () => [
        pinnedTestsGate(loaded.problem),
        forbiddenNamesGate(loaded.problem, problems.get(slug) === loaded.problem),
      ],
    ],
    ["statement", () => withTests(["statement per language"], () => [languageViewsGate(loaded)])],
    ["typescript", () => withTests(GRADING_GATES.TYPESCRIPT, () => gradingGates(loaded, "TYPESCRIPT", runtimes))],
    ["python", () => withTests(GRADING_GATES.PYTHON, () => gradingGates(loaded, "PYTHON", runtimes))],
    ["check", () => withTests(["check.py agrees"], (tests) => [checkPyGate(loaded, tests, dir)])],
    [
      "performance",
      () => withTests(["performance test"], (tests) => [performanceGate(loaded, tests, options.measureSpeed)]),
    ],
  ];
  for (const [group, run] of gates) {
    if (options.only && !options.only.includes(group)) continue;
    try {
      results.push(...(await run()));
    } catch (error) {
      // A problem's code that throws where a gate did not expect it is that problem's failure, not the tool's.
      results.push(fail(group, `threw: ${(error as Error).stack?.split("\n").slice(0, 3).join(" ")}`));
    }
  }
  return results;
}

const GRADING_GATES = {
  TYPESCRIPT: ["reference TypeScript", "starter TypeScript", "wrong TypeScript"],
  PYTHON: ["reference Python", "starter Python", "wrong Python"],
};

/** The scaffold's markers (npm run new-problem) are all gone: every part of the folder was written. */
function filledInGate(folder: string): GateResult {
  const gate = "filled in";
  if (!existsSync(folder)) return fail(gate, `no folder ${folder}`);
  const left = readdirSync(folder)
    .filter((name) => /\.(ts|py|yaml)$/.test(name))
    .flatMap((name) => {
      const count = readFileSync(join(folder, name), "utf8").split(TODO).length - 1;
      return count > 0 ? [`${name} (${count})`] : [];
    });
  return left.length > 0 ? fail(gate, `${TODO} left in ${left.join(", ")}`) : pass(gate, `no ${TODO} left`);
}

/** Every text a learner of `language` reads before and after solving (title, body, constraints, hints, editorial). */
function learnerView(content: QuestionContent, language: "TYPESCRIPT" | "PYTHON"): string {
  const part = languagePartOf(content.languages, language);
  return (["ZH", "EN"] as const)
    .flatMap((locale) => {
      const args = { locale, language };
      return [
        localized(content.title.zh, content.title.en, args),
        bodyIn(content.body, part, args),
        ...constraintsIn(content.constraints ?? [], part, args),
        // Hints, the naive method and the pitfalls have no language part: they are shared, so language-neutral.
        ...(content.hints ?? []).map((hint) => localized(hint.zh, hint.en, args)),
        ...(content.editorial
          ? [
              approachIn(content.editorial.approach, part, args),
              localized(content.editorial.naive.zh, content.editorial.naive.en, args),
              ...content.editorial.pitfalls.map((pitfall) => localized(pitfall.zh, pitfall.en, args)),
            ]
          : []),
      ];
    })
    .join("\n");
}

/** Keys of the objects in a result (nested ones too). */
function keysOf(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, keys);
  else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) {
      keys.add(key);
      keysOf(item, keys);
    }
  }
  return keys;
}

const word = (name: string) => new RegExp(`(?<![\\w.])${name}(?!\\w)`);

/**
 * Python learners read a Python problem: the statement as resolved for Python never shows Float64Array, the
 * TypeScript function name or camelCase result keys, nor the TypeScript view numpy or snake_case keys; and the
 * samples a Python learner is shown, returned by their function, are what the judge expects.
 */
function languageViewsGate(loaded: Loaded): GateResult {
  const gate = "statement per language";
  const { kernel, python } = loaded.problem;
  const adapter = python.adapter ?? IDENTITY_ADAPTER;
  const samples = sampleTests(kernel, { seed: loaded.coding.testPlan.seed });
  const kernelKeys = new Set<string>();
  const pythonKeys = new Set<string>();
  for (const [index, expected] of samples.expected.entries()) {
    const shown = python.adapter?.present
      ? python.adapter.present(expected, samples.tests[index].args)
      : IDENTITY_ADAPTER.result(expected);
    const back = checkResult(loaded.kernel, adapter.result(structuredClone(shown)), expected);
    if (!back.ok)
      return fail(gate, `sample ${index + 1} as a Python learner sees it is not the expected result: ${back.message}`);
    keysOf(expected, kernelKeys);
    keysOf(shown, pythonKeys);
  }
  const renamed = kernel.functionName !== python.functionName;
  const foreign = {
    PYTHON: [/Float64Array/, /number\[\]/, ...(renamed ? [word(kernel.functionName)] : [])],
    TYPESCRIPT: [/np\.ndarray/, /\bnumpy\b/, ...(renamed ? [word(python.functionName)] : [])],
  };
  foreign.PYTHON.push(...[...kernelKeys].filter((key) => !pythonKeys.has(key)).map(word));
  foreign.TYPESCRIPT.push(...[...pythonKeys].filter((key) => !kernelKeys.has(key)).map(word));
  const leaks = (["PYTHON", "TYPESCRIPT"] as const).flatMap((language) => {
    const view = learnerView(loaded.content, language);
    const other = language === "PYTHON" ? "TypeScript" : "Python";
    return foreign[language]
      .filter((re) => re.test(view))
      .map((re) => `${language} view shows ${other}'s ${re.source.replace(/\(\?<?[!=][^)]*\)/g, "")}`);
  });
  if (leaks.length > 0)
    return fail(gate, `${leaks.slice(0, 4).join("; ")}: move them into languages.typescript / languages.python`);
  return pass(gate, languagePartsDetail(loaded.content));
}

const languagePartsDetail = (content: QuestionContent) =>
  content.languages ? "TypeScript and Python parts" : "one text for both (no language-specific words)";

/** docs/forbidden-names.md has the problem's row as its Python form says. */
function forbiddenNamesGate(problem: ProblemPackage, registered: boolean): GateResult {
  const gate = "forbidden names doc";
  if (!registered) return { gate, status: "SKIP", detail: "not a registered problem (outside src/problems)" };
  const row = forbiddenNamesRow(problem);
  const documented = existsSync(FORBIDDEN_NAMES_FILE) ? readFileSync(FORBIDDEN_NAMES_FILE, "utf8") : "";
  if (documented.split("\n").includes(row)) return pass(gate, `${problem.python.forbiddenNames.length} names`);
  return fail(gate, "docs/forbidden-names.md does not have this form's row: run node scripts/forbidden-names.ts");
}

/** The pinned hash of the first and last three tests (test/kernels/suite.test.ts checks it too). */
function pinnedTestsGate(problem: ProblemPackage): GateResult {
  const gate = "pinned tests";
  const { kernel } = problem;
  let hash: string;
  try {
    const tests = generateTests(kernel, PINNED_TEST_SEED, kernel.testCounts, hiddenTestStates(TEST_HIDDEN_TEST_SECRET));
    hash = hashTests([...tests.slice(0, 3), ...tests.slice(-3)]);
  } catch (error) {
    return fail(gate, `the generator throws: ${(error as Error).message}`);
  }
  if (problem.pinnedTestHash === hash) return pass(gate, hash.slice(0, 16));
  return fail(gate, `index.ts pinnedTestHash is "${problem.pinnedTestHash}"; the generator's tests hash to "${hash}"`);
}

/** The groups of gates `only` may name (check-problem's --only). */
export const GATE_GROUPS = ["statement", "wrong", "typescript", "python", "check", "performance"] as const;

async function loadProblem(
  slug: string,
  dir: string,
  given: ProblemPackage | undefined,
  results: GateResult[],
): Promise<Loaded | null> {
  const gate = "folder";
  const problem = given ?? problems.get(slug);
  if (!problem) {
    const where = existsSync(join(dir, slug, "index.ts")) ? "not in src/problems/all.ts" : `no ${slug}/index.ts`;
    results.push(
      fail(gate, `${where} (new folders: npm run new-problem -- ${slug}; then node scripts/problems-index.ts)`),
    );
    return null;
  }
  const ids = {
    "index.ts id": problem.id,
    "kernel id": problem.kernel.id,
    "Python form's kernelId": problem.python.kernelId,
  };
  const mismatched = Object.entries(ids).filter(([, id]) => id !== slug);
  if (mismatched.length > 0) {
    results.push(
      fail(gate, `${mismatched.map(([what, id]) => `${what} is "${id}"`).join(", ")}: all must be "${slug}"`),
    );
    return null;
  }
  const path = join(dir, slug, "problem.yaml");
  let content: QuestionContent;
  let coding: ResolvedCoding | null;
  try {
    ({ content, coding } = await readStatement(path, problem));
  } catch (error) {
    results.push(fail(gate, `problem.yaml: ${(error as Error).message}`));
    return null;
  }
  if (content.slug !== slug || !coding) {
    results.push(fail(gate, `problem.yaml must be a CODING question with slug "${slug}" (has "${content.slug}")`));
    return null;
  }
  const kernel: AnyKernelSpec = { ...problem.kernel, tolerance: { atol: coding.atol, rtol: coding.rtol } };
  const counts = plannedTestCounts(kernel, coding.testPlan);
  let tests: ProblemTests | null = null;
  let testsError = "";
  try {
    tests = problemTests(kernel, coding.testPlan.seed, counts, hiddenTestStates(TEST_HIDDEN_TEST_SECRET));
    results.push(
      pass(gate, `${counts.sample} sample, ${counts.hidden} hidden, ${counts.performance} performance tests`),
    );
  } catch (error) {
    testsError = `the generator or the reference kernel throws: ${(error as Error).message}`;
    results.push(fail(gate, testsError));
  }
  return { problem, content, coding, raw: parse(readFileSync(path, "utf8")), tests, testsError, kernel, counts };
}

/**
 * problem.yaml as the seed reads it (YAML without duplicate keys, the content schema, known topics, the kernel's
 * defaults), with the folder's own kernel even when the folder is not registered yet.
 */
async function readStatement(
  path: string,
  problem: ProblemPackage,
): Promise<{ content: QuestionContent; coding: ResolvedCoding | null }> {
  const document = parseDocument(readFileSync(path, "utf8"), { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors.map((e) => e.message).join("; ")}`);
  const content = parseQuestionContent(document.toJS());
  const topics = await loadTopics(CONTENT_DIR);
  if (!topics.ok) throw new Error(`${topics.path}: ${topics.reason}`);
  const missing = missingTopicIssues(content, new Set(topics.topics.map((topic) => topic.slug)));
  if (missing.length > 0) throw new ContentValidationError(missing);
  return { content, coding: resolveCoding(content, (id) => (id === problem.id ? problem.kernel : getKernel(id))) };
}

/** Every text given in one language is given in the other: any object with a `zh` or `en` key has both. */
function bilingualGate(raw: unknown): GateResult {
  const gate = "zh and en";
  const missing: string[] = [];
  let texts = 0;
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`);
    } else if (typeof node === "object" && node !== null) {
      const record = node as Record<string, unknown>;
      if ("zh" in record || "en" in record) {
        texts++;
        for (const language of ["zh", "en"]) {
          const text = record[language];
          if (typeof text !== "string" || text.trim() === "") missing.push(`${path}.${language}`);
        }
      }
      for (const [key, value] of Object.entries(record))
        if (key !== "zh" && key !== "en") walk(value, `${path}.${key}`);
    }
  };
  walk(raw, "problem");
  if (missing.length > 0) return fail(gate, `missing or empty: ${missing.slice(0, 6).join(", ")}`);
  return pass(gate, `${texts} texts in both languages`);
}

/**
 * 2–3 hints, each a short nudge, none repeating another or the answer. That they are graduated (the first
 * points at the idea, the last nearly names the method) is the author's and the reviewer's job: no mechanical
 * check can tell a nudge from a giveaway.
 */
function hintsGate(content: QuestionContent): GateResult {
  const gate = "hints";
  const hints = content.hints ?? [];
  if (hints.length < HINTS.min || hints.length > HINTS.max) {
    return fail(gate, `${hints.length} hints: give ${HINTS.min}–${HINTS.max}, from a nudge to nearly the method`);
  }
  for (const language of ["zh", "en"] as const) {
    const texts = hints.map((hint) => (hint[language] ?? "").trim());
    if (new Set(texts).size !== texts.length) return fail(gate, `two ${language} hints are the same`);
    const long = texts.findIndex((text) => text.length > HINTS.maxChars);
    if (long !== -1)
      return fail(gate, `${language} hint ${long + 1} is over ${HINTS.maxChars} characters: a hint, not an editorial`);
    const answer = (content.answer?.[language] ?? "").trim();
    if (answer && texts.includes(answer)) return fail(gate, `a ${language} hint repeats the answer`);
  }
  return pass(gate, `${hints.length} hints`);
}

/** The editorial's sections, constraints, follow-ups, links and references. */
function teachingGate(content: QuestionContent): GateResult {
  const gate = "editorial";
  const missing: string[] = [];
  const editorial = content.editorial;
  if (!editorial?.approach) missing.push("editorial.approach");
  if (!editorial?.naive) missing.push("editorial.naive");
  if (!editorial?.complexity?.time || !editorial.complexity.space) missing.push("editorial.complexity (time, space)");
  if (!editorial?.pitfalls?.length) missing.push("editorial.pitfalls");
  if (!content.constraints?.length) missing.push("constraints");
  if (!content.followUps?.length) missing.push("followUps (1–3)");
  if (!content.related || content.related.problems.length + content.related.concepts.length === 0)
    missing.push("related");
  if (!content.references?.length) missing.push("references");
  if (missing.length > 0) return fail(gate, `missing: ${missing.join(", ")}`);
  return pass(
    gate,
    `approach, naive, complexity, ${editorial?.pitfalls.length} pitfalls; constraints, follow-ups, links`,
  );
}

/** Every follow-up comes with its answer in both languages: the follow-ups are where the senior signal lives. */
function followUpAnswersGate(content: QuestionContent): GateResult {
  const gate = "follow-up answers";
  const followUps = content.followUps ?? [];
  const unanswered = followUps.flatMap((followUp, index) =>
    followUp.answer?.zh?.trim() && followUp.answer.en?.trim() ? [] : [index + 1],
  );
  if (unanswered.length > 0)
    return fail(gate, `follow-up ${unanswered.join(", ")} has no answer: give each an answer (zh and en)`);
  return pass(gate, `${followUps.length} follow-ups, each with its answer`);
}

/**
 * A Chinese-speaking learner's starter reads in Chinese: every comment line of the TypeScript and Python starters
 * has its Chinese in the package's starterCommentsZh, and no entry is left over from an older starter.
 */
function starterCommentsGate(problem: ProblemPackage): GateResult {
  const gate = "starter comments zh";
  const zh = problem.starterCommentsZh ?? {};
  const comments = [
    ...starterComments(problem.kernel.starterCode, "typescript"),
    ...starterComments(problem.python.starterCode, "python"),
  ];
  const missing = [...new Set(comments.filter((text) => !/\p{Script=Han}/u.test(zh[text] ?? "")))];
  if (missing.length > 0)
    return fail(
      gate,
      `${missing.length} comment lines have no Chinese in starterCommentsZh (index.ts): "${missing[0]}"`,
    );
  const unused = Object.keys(zh).filter((text) => !comments.includes(text));
  if (unused.length > 0) return fail(gate, `starterCommentsZh has entries no starter uses: "${unused[0]}"`);
  return pass(gate, `${comments.length} comment lines, each in Chinese`);
}

function wrongCountGate(problem: ProblemPackage): GateResult {
  const gate = "wrong solutions ≥ 5";
  const { typescript, python } = problem.wrongSolutions;
  const detail = `TypeScript ${typescript.length}, Python ${python.length}`;
  if (typescript.length < MIN_WRONG_SOLUTIONS || python.length < MIN_WRONG_SOLUTIONS) {
    return fail(gate, `${detail}: give at least ${MIN_WRONG_SOLUTIONS} per language in wrong.ts`);
  }
  return pass(gate, detail);
}

/** The grader's input for a FULL submission of `code` to the problem, as workers/grader/process-job.ts builds it. */
function gradeInput(loaded: Loaded, code: string, language: Language): GradeInput {
  return {
    code,
    language,
    kernel: loaded.kernel,
    seed: loaded.coding.testPlan.seed,
    hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
    testCounts: loaded.counts,
    mode: "FULL",
    timeLimitMs: loaded.coding.timeLimitMs,
    memoryLimitMb: loaded.coding.memoryLimitMb,
  };
}

function firstFailure(result: GradeResult): string {
  if (result.compileError) return `compile error: ${result.compileError.message}`;
  const failed = result.tests.find((test) => test.status !== "PASSED" && test.status !== "SKIPPED");
  return failed ? `${failed.name}: ${failed.status} ${failed.message ?? ""}`.trim() : result.warnings.join("; ");
}

/** The reference is ACCEPTED; the starter code and every wrong solution are rejected with a learner verdict. */
async function gradingGates(
  loaded: Loaded,
  language: "TYPESCRIPT" | "PYTHON",
  runtimes: GateRuntimes,
): Promise<GateResult[]> {
  const gates = GRADING_GATES[language];
  const runtime = language === "TYPESCRIPT" ? runtimes.typescript : runtimes.python;
  if (!runtime) {
    const why = language === "PYTHON" ? (runtimes.pythonMissing ?? "") : "not started";
    return gates.map((gate) => ({ gate, status: "SKIP", detail: why }));
  }
  const form = language === "TYPESCRIPT" ? loaded.problem.kernel : loaded.problem.python;
  const wrong: readonly WrongSolution[] =
    loaded.problem.wrongSolutions[language === "TYPESCRIPT" ? "typescript" : "python"];
  const grade = (code: string) => gradeSubmission(gradeInput(loaded, code, language), runtime);

  const results: GateResult[] = [];
  const reference = await grade(form.solutionCode);
  results.push(
    reference.verdict === "ACCEPTED"
      ? pass(
          gates[0],
          `ACCEPTED, ${reference.tests.length} tests${reference.perfRatio ? `, perf ratio ${reference.perfRatio}` : ""}`,
        )
      : fail(gates[0], `${reference.verdict}: ${firstFailure(reference)}`),
  );
  const starter = await grade(form.starterCode);
  results.push(
    starter.verdict === "ACCEPTED" || starter.verdict === "INTERNAL_ERROR" || starter.verdict === "COMPILE_ERROR"
      ? fail(gates[1], `${starter.verdict}: the starter must compile and fail a test ${firstFailure(starter)}`)
      : pass(gates[1], starter.verdict),
  );
  const malformed = malformedWrongSolutions(wrong, language, form.functionName);
  if (malformed || reference.verdict !== "ACCEPTED") {
    // Rejections mean nothing while the reference itself is rejected (a missing form rejects everything).
    results.push(fail(gates[2], malformed ?? "the reference is not accepted, so rejections show nothing"));
    return results;
  }
  const accepted: string[] = [];
  for (const solution of wrong) {
    if (solution.code === form.solutionCode) {
      accepted.push(`"${solution.why}" is the reference itself`);
      continue;
    }
    const verdict = await grade(solution.code);
    // A wrong solution is a plausible mistake that runs: a compile error only counts for a forbidden name.
    const compiles = verdict.verdict !== "COMPILE_ERROR" || /not allowed/.test(verdict.compileError?.message ?? "");
    if (verdict.verdict === "ACCEPTED" || verdict.verdict === "INTERNAL_ERROR" || !compiles) {
      accepted.push(`"${solution.why}" → ${verdict.verdict} ${firstFailure(verdict)}`.trim());
    }
  }
  results.push(
    accepted.length > 0
      ? fail(gates[2], `not rejected: ${accepted.join("; ")}`)
      : pass(gates[2], `${wrong.length}/${wrong.length} rejected`),
  );
  return results;
}

/** Why the wrong solutions cannot be graded as learner code, or null: each defines the function, has its own reason. */
function malformedWrongSolutions(
  wrong: readonly WrongSolution[],
  language: "TYPESCRIPT" | "PYTHON",
  functionName: string,
): string | null {
  const defines = language === "TYPESCRIPT" ? `function ${functionName}(` : `def ${functionName}(`;
  for (const { why, code } of wrong) {
    if (why.trim().length < 10) return `"${why}": say in one line what is wrong and where it shows`;
    if (!code.includes(defines)) return `"${why}": the code does not define ${defines}…)`;
    if (language === "TYPESCRIPT" && /^\s*(import|export)\b/m.test(code))
      return `"${why}": learner code has no import or export`;
  }
  if (new Set(wrong.map((s) => s.why)).size !== wrong.length) return "two wrong solutions give the same reason";
  if (new Set(wrong.map((s) => s.code)).size !== wrong.length) return "two wrong solutions are the same code";
  return null;
}

/**
 * The problem's independent numpy implementation (check.py, run by Debian's python3 outside any sandbox: it is
 * the problem's own code) agrees with the reference kernel on every generated test, at the problem's tolerance.
 */
function checkPyGate(loaded: Loaded, tests: ProblemTests, dir: string): GateResult {
  const gate = "check.py agrees";
  const path = join(dir, loaded.problem.id, "check.py");
  if (!existsSync(path)) return fail(gate, `no ${loaded.problem.id}/check.py`);
  const form = loaded.problem.python;
  const adapter = form.adapter ?? IDENTITY_ADAPTER;
  const input = lengthPrefixed([
    frameBody(JSON.stringify({ argKinds: form.argKinds })),
    ...tests.tests.map((test) => {
      const args = encodeArguments(adapter.args(structuredClone(test.args)));
      return frameBody(args.json, args.tail);
    }),
  ]);
  const started = process.hrtime.bigint();
  const run = spawnSync(DEFAULT_PYTHON, ["-I", CHECK_DRIVER, HARNESS_DIR, path, form.functionName], {
    input,
    maxBuffer: 1 << 30,
    timeout: 300_000,
    env: { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
  });
  if (run.error) return fail(gate, `${DEFAULT_PYTHON} did not run: ${run.error.message}`);
  if (run.status !== 0)
    return fail(gate, `check.py failed: ${run.stderr.toString().trim().split("\n").slice(-3).join(" ")}`);
  const outcomes = new FrameDecoder(parseFrame).push(run.stdout) as { value?: unknown; error?: string }[];
  if (outcomes.length !== tests.tests.length) {
    return fail(gate, `${outcomes.length} results for ${tests.tests.length} tests`);
  }
  const disagreements: string[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const name = tests.tests[index].name;
    if (outcome.error !== undefined) {
      disagreements.push(`${name}: check.py raised ${outcome.error}`);
      continue;
    }
    let got: unknown;
    try {
      got = adapter.result(outcome.value);
    } catch (error) {
      disagreements.push(`${name}: check.py's result does not have the Python form (${(error as Error).message})`);
      continue;
    }
    const check = checkResult(loaded.kernel, got, tests.expected[index]);
    if (!check.ok) disagreements.push(`${name}: ${check.message}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (disagreements.length > 0) {
    return fail(gate, `${disagreements.length}/${outcomes.length} disagree; first: ${disagreements[0].slice(0, 300)}`);
  }
  return pass(gate, `${outcomes.length}/${outcomes.length} tests agree (${Math.round(ms)} ms)`);
}

/** CPU time of one call, the least of repeated calls over at least `budgetMs` of CPU time (at least 3 calls). */
function cpuTimeOfOneCall(call: () => unknown, budgetMs: number): number {
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let calls = 0; calls < 3 || spent < budgetMs; calls++) {
    const before = process.cpuUsage();
    call();
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

/**
 * Where the problem ranks by speed (performance tests), the folder's naive.ts holds the method the editorial
 * calls naive: it must be correct (every test passes) and, measured, clearly slower on the performance test.
 */
function performanceGate(loaded: Loaded, problemTests: ProblemTests, measureSpeed: boolean): GateResult {
  const gate = "performance test";
  const { tests, expected } = problemTests;
  const performance = tests.flatMap((test, index) => (test.kind === "performance" ? [index] : []));
  const naive = loaded.problem.naive;
  if (performance.length === 0) {
    return naive
      ? fail(gate, "naive.ts without performance tests: rank by speed (testCounts.performance) or remove it")
      : { gate, status: "SKIP", detail: "not ranked by speed (no performance tests)" };
  }
  if (!naive) return fail(gate, "performance tests need the naive method in naive.ts, to show the test separates them");
  const { functionName, solutionCode } = loaded.problem.kernel;
  const naiveFunction = compileLearnerCode(naive.code, functionName);
  for (const [index, test] of tests.entries()) {
    const check = checkResult(loaded.kernel, naiveFunction(...structuredClone(test.args)), expected[index]);
    if (!check.ok) return fail(gate, `the naive solution fails ${test.name}: ${check.message}`);
  }
  if (!measureSpeed) return pass(gate, "the naive solution is correct (its slowdown is measured by check-problem)");
  const referenceFunction = compileLearnerCode(solutionCode, functionName);
  const ratios = performance.map((index) => {
    const args = tests[index].args;
    const naiveMs = cpuTimeOfOneCall(() => naiveFunction(...structuredClone(args)), 300);
    const referenceMs = cpuTimeOfOneCall(() => referenceFunction(...structuredClone(args)), 300);
    return { naiveMs, referenceMs, ratio: naiveMs / referenceMs };
  });
  const slowest = ratios.reduce((a, b) => (a.ratio < b.ratio ? a : b));
  const detail = `naive ${slowest.naiveMs.toFixed(2)} ms vs reference ${slowest.referenceMs.toFixed(2)} ms CPU: ${slowest.ratio.toFixed(2)}×`;
  return slowest.ratio >= MIN_NAIVE_SLOWDOWN
    ? pass(gate, detail)
    : fail(gate, `${detail} < ${MIN_NAIVE_SLOWDOWN}×: the performance test is too small to separate them`);
}

/** The results as a table: gate, result, detail. */
export function formatGateTable(slug: string, results: readonly GateResult[]): string {
  const width = Math.max(4, ...results.map((r) => r.gate.length));
  const rows = results.map((r) => `${r.gate.padEnd(width)}  ${r.status.padEnd(6)}  ${r.detail}`);
  return [`${slug}`, `${"gate".padEnd(width)}  result  detail`, ...rows].join("\n");
}

/** The rows that fail the problem. */
export function failures(results: readonly GateResult[]): GateResult[] {
  return results.filter((result) => result.status === "FAIL");
}
