import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { type LoadedQuestionFile, loadQuestionFiles, loadTopics, PROBLEMS_DIR } from "../../seed/load-content.ts";
import type { QuestionContent } from "../../src/modules/content/content-schema.ts";

const CONTENT = fileURLToPath(new URL("../../seed/content", import.meta.url));
/** The article's fourth part lists exactly four coding exercises; the problems built on them cite it. */
const ARTICLE_EXERCISE_HEADINGS = [
  "编写一个基于矩阵乘法的深度学习前向传播算法。",
  "编写一个基于反向传播的梯度计算算法。",
  "编写一个基于卷积操作的图像分类算法。",
  "编写一个基于循环神经网络的序列分类算法。",
];
/** The one problem per exercise that shows the article's code next to a corrected version. */
const EXERCISE_PROBLEMS = ["linear-forward", "linear-backward", "conv-classifier", "rnn-forward"];
// What each exercise's note must name: the article's own mistakes, as the issue lists them.
const EXERCISE_MISTAKES: Record<string, RegExp[]> = {
  "linear-forward": [/bias/, /shape/],
  // Its W is out×in (Z = X·Wᵀ), so its dZᵀ·X is the right gradient: the note must not call it wrong.
  "linear-backward": [
    /dZᵀ·X is not itself wrong/,
    /X is never defined/,
    /NameError/,
    /silently broadcast/,
    /used only for its shape/,
    /½·Σ\(Z − y\)²/,
    /contradicting/,
  ],
  "conv-classifier": [/flips/, /same/, /argmax/],
  "rnn-forward": [/Dense/, /input_shape/, /same data/],
};

let coding: QuestionContent[];
let kindBySlug: Map<string, string>;

function contents(files: LoadedQuestionFile[]): QuestionContent[] {
  return files.map((file) => {
    if (!file.ok) throw new Error(`${file.path}: ${file.reason}`);
    return file.prepared.content;
  });
}

beforeAll(async () => {
  const topics = await loadTopics(CONTENT);
  if (!topics.ok) throw new Error(topics.reason);
  const known = new Set(topics.topics.map((topic) => topic.slug));
  coding = contents(await loadQuestionFiles(PROBLEMS_DIR, known));
  const concepts = contents(await loadQuestionFiles(join(CONTENT, "concepts"), known));
  kindBySlug = new Map([...coding, ...concepts].map((q) => [q.slug, q.kind]));
});

describe("teaching content of every coding problem in seed/content", () => {
  // Constraints, hints, the editorial's sections, follow-ups, links and references, in both languages, are gates
  // of every problem (test/problems/gates.ts); these are the checks across problems.
  it("covers every coding problem", () => {
    expect(coding.length).toBeGreaterThanOrEqual(33);
  });

  it("links only to questions that exist, of the right kind, never to itself", () => {
    const broken = coding.flatMap((q) => [
      ...(q.related?.problems ?? [])
        .filter((slug) => kindBySlug.get(slug) !== "CODING" || slug === q.slug)
        .map((slug) => `${q.slug} → problem ${slug}`),
      ...(q.related?.concepts ?? [])
        .filter((slug) => kindBySlug.get(slug) !== "CONCEPT")
        .map((slug) => `${q.slug} → concept ${slug}`),
    ]);
    expect(broken).toEqual([]);
  });

  it("answers every follow-up of every coding problem, in both languages", () => {
    const unanswered = coding.flatMap((q) =>
      (q.followUps ?? []).flatMap((followUp, index) =>
        followUp.answer?.zh?.trim() && followUp.answer.en?.trim() ? [] : [`${q.slug} follow-up ${index + 1}`],
      ),
    );
    expect(unanswered).toEqual([]);
  });

  it("cites the article only on problems built on its four coding exercises", () => {
    const citing = coding.filter((q) => q.source);
    expect(citing.length).toBeGreaterThanOrEqual(4);
    for (const q of citing) expect(ARTICLE_EXERCISE_HEADINGS).toContain(q.source?.heading);
  });

  it("shows each of the four exercises with the article's code, a corrected version and what was wrong", () => {
    for (const slug of EXERCISE_PROBLEMS) {
      const exercise = coding.find((q) => q.slug === slug)?.articleExercise;
      for (const mistake of EXERCISE_MISTAKES[slug] ?? []) expect(exercise?.note.en).toMatch(mistake);
      expect(exercise?.note.zh.length).toBeGreaterThan(20);
      expect(exercise?.articleCode.length).toBeGreaterThan(20);
      expect(exercise?.articleCode).not.toBe(exercise?.correctedCode);
    }
    expect(
      coding
        .filter((q) => q.articleExercise)
        .map((q) => q.slug)
        .sort(),
    ).toEqual([...EXERCISE_PROBLEMS].sort());
  });
});
