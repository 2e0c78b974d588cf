import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { parseDocument } from "yaml";
import { CODING_THEMES } from "../../seed/import/coding-themes.ts";
import { type MergedQuestion, mergeOccurrences } from "../../seed/import/merge.ts";
import { questionCore } from "../../seed/import/normalize.ts";
import { parseArticle } from "../../seed/import/parse-article.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { PROBLEMS_DIR } from "../../seed/load-content.ts";
import { parseQuestionContent } from "../../src/modules/content/service.ts";
import { getKernel } from "../../src/problems/registry.ts";

const articlePath = new URL("../../seed/source/ai-infra-interview.zh.md", import.meta.url).pathname;
const contentDir = new URL("../../seed/content", import.meta.url).pathname;
let article: string;

/** Every distinct question of the article: the lines of all its occurrences. */
const EXPECTED_GROUPS: Record<string, number[]> = {
  "什么是AI Infrastructure？": [5, 908, 1659],
  "为什么说AI Infrastructure是企业竞争力的关键？": [11, 1662],
  "请描述一下AI Infrastructure的常见组件及其作用。": [20, 914, 1665, 1688],
  "如何评估一个企业的AI Infrastructure？": [32, 926, 1668, 1685],
  "请解释AI Infrastructure中的模型即服务（MaaS）的概念。": [44, 938, 1671, 1682],
  "如何优化AI Infrastructure的性能？": [50, 944, 1674, 1691],
  "请列举几种常见的AI Infrastructure部署方案。": [61, 955, 1677, 1694],
  "如何使用矩阵乘法优化深度学习模型的计算？": [74, 968],
  "如何设计一个分布式训练框架来加速深度学习模型的训练？": [109, 1003],
  "如何进行深度学习模型的优化？": [152, 1046, 1697],
  "如何处理深度学习模型中的过拟合问题？": [202, 1096, 1700],
  "如何进行深度学习模型的评估？": [258, 1152, 1703],
  "如何进行深度学习模型的超参数调整？": [324, 1218, 1706],
  "如何进行深度学习模型的迁移学习？": [360, 1254, 1709],
  "如何处理深度学习模型中的数据不平衡问题？": [413, 1307, 1712],
  "如何进行深度学习模型的可解释性分析？": [456, 1350, 1715],
  "如何进行深度学习模型的模型压缩？": [489, 1383, 1718],
  "如何处理深度学习模型中的数据泄露问题？": [542, 1436, 1721],
  "如何进行深度学习模型的动态调整？": [575, 1469, 1724],
  "如何进行深度学习模型的安全防御？": [640, 1534, 1727],
  "如何进行深度学习模型的自动化优化？": [667, 1561, 1730],
  "如何进行深度学习模型的自动化部署？": [698, 1592, 1733],
  "如何进行深度学习模型的自动化更新？": [726, 1620, 1736],
  "编写一个基于矩阵乘法的深度学习前向传播算法。": [761, 1741],
  "编写一个基于反向传播的梯度计算算法。": [791, 1764],
  "编写一个基于卷积操作的图像分类算法。": [826, 1792],
  "编写一个基于循环神经网络的序列分类算法。": [868, 1827],
};

function groupsOf(markdown: string): MergedQuestion[] {
  return mergeOccurrences(parseArticle(markdown)).questions;
}

function groupContaining(groups: MergedQuestion[], heading: string): MergedQuestion {
  const group = groups.find((q) => q.occurrences.some((o) => o.heading === heading));
  if (!group) throw new Error(`no group contains «${heading}»`);
  return group;
}

/** What identifies a merged question independently of article order: kind, chosen texts, number of repeats. */
function signature(groups: MergedQuestion[]): string[] {
  return groups.map((q) => [q.kind, q.heading, q.answer, q.explanation, q.occurrences.length].join(" | ")).sort();
}

/** Sections reordered (all "###" chunks after the first reversed) and one repeat reworded. */
function perturb(markdown: string): string {
  const chunks = markdown.split(/^(?=### )/m);
  const reordered = [chunks[0], ...chunks.slice(1).reverse()].join("\n");
  const reworded = "#### 4. 深度学习模型中的过拟合问题应该如何处理？";
  const lines = reordered.split("\n");
  const index = lines.lastIndexOf("#### 4. 如何处理深度学习模型中的过拟合问题？");
  if (index < 0) throw new Error("the question to reword is missing");
  lines[index] = reworded;
  return lines.join("\n");
}

beforeAll(async () => {
  article = await readFile(articlePath, "utf8");
});

describe("normalisation", () => {
  it("reduces the article's wording variants of one question to one core", () => {
    const variants = [
      [
        "请描述一下AI Infrastructure的常见组件及其作用。",
        "请简要描述一下AI Infrastructure的常见组件及其作用。",
        "AI Infrastructure的常见组件及其作用是什么？",
      ],
      ["什么是AI Infrastructure？", "AI Infrastructure的定义和作用是什么？"],
      ["请解释AI Infrastructure中的模型即服务（MaaS）的概念。", "什么是模型即服务（MaaS）？"],
      ["请列举几种常见的AI Infrastructure部署方案。", "常见的AI Infrastructure部署方案有哪些？"],
    ];
    for (const group of variants) {
      expect(new Set(group.map((heading) => questionCore(heading).core)).size).toBe(1);
    }
    expect(questionCore("如何优化AI Infrastructure的性能？").core).not.toBe(
      questionCore("如何进行深度学习模型的优化？").core,
    );
  });
});

describe("merging the article", () => {
  it("yields each distinct question exactly once, with exactly the expected repeats", () => {
    const groups = groupsOf(article);
    const actual = Object.fromEntries(groups.map((q) => [q.occurrences[0].heading, q.occurrences.map((o) => o.line)]));
    expect(actual).toEqual(EXPECTED_GROUPS);
    expect(groups.filter((q) => q.kind === "CODING").map((q) => q.heading)).toEqual(
      Object.keys(EXPECTED_GROUPS).slice(23),
    );
  });

  it("keeps questions that only look alike apart, and says why", () => {
    const { questions, keptApart } = mergeOccurrences(parseArticle(article));
    const apart = (a: string, b: string) =>
      expect(groupContaining(questions, a)).not.toBe(groupContaining(questions, b));
    apart("如何优化AI Infrastructure的性能？", "如何进行深度学习模型的优化？");
    apart("如何进行深度学习模型的优化？", "如何进行深度学习模型的自动化优化？");
    apart("如何进行深度学习模型的自动化部署？", "如何进行深度学习模型的自动化更新？");
    apart("如何处理深度学习模型中的数据不平衡问题？", "如何处理深度学习模型中的数据泄露问题？");
    const pair = keptApart.find(
      (p) => p.a.heading === "如何进行深度学习模型的优化？" && p.b.heading === "如何进行深度学习模型的自动化优化？",
    );
    expect(pair?.reason).toMatch(/^answers disagree/);
  });

  it("keeps the most complete answer and explanation of each question and reports every merge", () => {
    const groups = groupsOf(article);
    const whatIs = groupContaining(groups, "什么是AI Infrastructure？");
    expect(whatIs.explanation).toContain("了解 AI Infrastructure 的概念对于理解人工智能的应用和发展具有重要意义");
    expect(whatIs.answer).toContain("它包括计算资源、存储资源、网络资源");
    const components = groupContaining(groups, "请简要描述一下AI Infrastructure的常见组件及其作用。");
    expect(components.answer).toMatch(/^AI Infrastructure的常见组件及其作用包括：/);
    expect(components.explanation).toContain("熟悉这些组件的作用和功能");
    expect(components.reasons).toHaveLength(3);
    expect(components.reasons.join("\n")).toContain("请描述/解释/说明一下");
    const matmul = groupContaining(groups, "如何使用矩阵乘法优化深度学习模型的计算？");
    expect(matmul.code.map((c) => c.language)).toEqual(["python"]);
    expect(matmul.code[0].code).toContain("np.linalg.lu(A)");
  });

  it("gives the same set of questions for a perturbed copy (sections reordered, one question reworded)", () => {
    const original = groupsOf(article);
    const perturbed = groupsOf(perturb(article));
    expect(signature(perturbed)).toEqual(signature(original));
    const reworded = groupContaining(perturbed, "深度学习模型中的过拟合问题应该如何处理？");
    expect(reworded.occurrences).toHaveLength(3);
    expect(reworded.reasons.join("\n")).toMatch(/similar core .*应该如何处理» .*answer agreement/);
  });
});

describe("runImport", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "import-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one skeleton per new concept question, then never overwrites reviewed fields", async () => {
    const first = await runImport({ article: articlePath, contentDir: dir, problemsDir: PROBLEMS_DIR, write: true });
    expect(first.concepts.filter((c) => c.action === "new")).toHaveLength(23);
    const names = await readdir(join(dir, "concepts"));
    expect(names).toHaveLength(23);
    // Skeletons are valid DRAFT questions, so a seed run imports them (unpublished) instead of failing.
    for (const name of names) {
      const content = parseQuestionContent(parseDocument(await readFile(join(dir, "concepts", name), "utf8")).toJS());
      expect(content).toMatchObject({ kind: "CONCEPT", status: "DRAFT", topics: ["ai-infrastructure"] });
    }

    const path = first.concepts[0].path;
    const document = parseDocument(await readFile(path, "utf8"));
    document.setIn(["answer", "zh"], "审核过的答案");
    document.deleteIn(["source"]);
    await writeFile(path, document.toString());

    const second = await runImport({ article: articlePath, contentDir: dir, problemsDir: PROBLEMS_DIR, write: true });
    expect(second.concepts.filter((c) => c.action === "new")).toEqual([]);
    expect(await readdir(join(dir, "concepts"))).toHaveLength(23);
    const refreshed = second.concepts.find((c) => c.path === path);
    expect(refreshed).toMatchObject({ action: "filled", filled: ["source"], differs: ["answer.zh"] });
    const after = parseDocument(await readFile(path, "utf8"));
    expect(after.getIn(["answer", "zh"])).toBe("审核过的答案");
    expect(after.getIn(["source", "heading"])).toBe("什么是AI Infrastructure？");

    const third = await runImport({ article: articlePath, contentDir: dir, problemsDir: PROBLEMS_DIR, write: true });
    expect(third.concepts.every((c) => c.action === "unchanged")).toBe(true);
  });

  it("maps the article's four coding exercises to kernels and never writes them as concept questions", async () => {
    const report = await runImport({ article: articlePath, contentDir: dir, problemsDir: PROBLEMS_DIR, write: false });
    expect(report.coding.map((c) => c.theme?.kernelIds)).toEqual([
      ["matmul", "linear-forward", "mlp-forward"],
      ["linear-backward", "softmax-cross-entropy"],
      ["conv2d", "max-pool2d", "conv-classifier"],
      ["rnn-forward"],
    ]);
    expect(report.concepts.some((c) => c.question.kind === "CODING")).toBe(false);
    const unregistered = CODING_THEMES.flatMap((theme) => theme.kernelIds).filter((id) => !getKernel(id));
    expect(unregistered).toEqual([]);
  });

  it("finds a reviewed file for every concept question of the article in seed/content, and no orphan", async () => {
    const copy = join(dir, "real");
    await cp(contentDir, copy, { recursive: true });
    const report = await runImport({ article: articlePath, contentDir: copy, problemsDir: PROBLEMS_DIR, write: false });
    expect(report.concepts.filter((c) => c.action === "new").map((c) => c.question.heading)).toEqual([]);
    expect(report.orphans).toEqual([]);
    const paths = report.concepts.map((c) => c.path);
    expect(new Set(paths).size).toBe(23);
    // Questions written beyond the article (no source) are not orphans; they stay out of the article's mapping.
    const authored = (await readdir(join(copy, "concepts"))).filter(
      (name) => !paths.includes(join(copy, "concepts", name)),
    );
    expect(authored).toEqual(expect.arrayContaining(["kv-cache-sizing.yaml", "flash-attention.yaml"]));
  });

  it("reports a file that cites the article but matches none of its questions as an orphan", async () => {
    const copy = join(dir, "orphan");
    await cp(contentDir, copy, { recursive: true });
    const path = join(copy, "concepts", "kv-cache-sizing.yaml");
    const document = parseDocument(await readFile(path, "utf8"));
    document.set("source", { section: "二、AI Infrastructure领域的算法编程题库", heading: "文中没有的问题？" });
    await writeFile(path, document.toString());
    const report = await runImport({ article: articlePath, contentDir: copy, problemsDir: PROBLEMS_DIR, write: false });
    expect(report.orphans).toEqual([path]);
  });

  it("reports a file taken from the article that matches no question, and not a question written for the platform", async () => {
    const copy = join(dir, "orphans");
    await cp(contentDir, copy, { recursive: true });
    const lost = join(copy, "concepts", "lost-question.yaml");
    const original = join(copy, "concepts", "original-question.yaml");
    const body =
      "slug: SLUG\ntitle: { zh: 量子计算机如何冷却超导比特？ }\nbody: { zh: 量子计算机如何冷却超导比特？ }\nanswer: { zh: 用稀释制冷机。 }\n";
    await writeFile(
      lost,
      `${body.replace("SLUG", "lost-question")}source: { section: 一, heading: 量子计算机如何冷却超导比特？ }\n`,
    );
    await writeFile(original, body.replace("SLUG", "original-question"));
    const report = await runImport({ article: articlePath, contentDir: copy, problemsDir: PROBLEMS_DIR, write: false });
    expect(report.orphans).toEqual([lost]);
  });
});
