import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { type QuestionContent, questionContentSchema } from "../../src/modules/content/content-schema.ts";
import { checkAnswerCoverage } from "../../src/modules/progress/answer-check/match.ts";
import { termWords } from "../../src/modules/progress/answer-check/tokens.ts";
import { isGenericTerm } from "../../src/modules/progress/answer-check/vocabulary.ts";
import { GRADED_ANSWERS } from "./graded-answers.ts";

/** Holds every concept file's key points to its own answers, to keyword salads and to human-graded answers. */

const CONCEPTS_DIR = new URL("../../seed/content/concepts/", import.meta.url);
const QUESTIONS: QuestionContent[] = readdirSync(CONCEPTS_DIR)
  .filter((file) => file.endsWith(".yaml"))
  .sort()
  .map((file) => questionContentSchema.parse(parse(readFileSync(new URL(file, CONCEPTS_DIR), "utf8"))));
const BY_SLUG = new Map(QUESTIONS.map((question) => [question.slug, question]));

// Generic vocabulary of the field, as a learner who knows none of the points might write it.
const SALADS = {
  zh: "需要考虑数据、模型、训练、计算、存储、网络、管理、监控、优化、性能、部署、推理、资源、系统、算法、效率、质量、安全、成本和扩展，提高准确率和速度。",
  en:
    "You need to consider data, models, training, compute, storage, network, management, monitoring, optimization, " +
    "performance, deployment, inference, resources, systems, algorithms, efficiency, quality, security, cost and " +
    "scale, and improve accuracy and speed.",
};

describe("concept files and the answer check", () => {
  it("has all concept questions", () => {
    expect(QUESTIONS.length).toBe(23);
  });

  it.each(QUESTIONS.map((question) => [question.slug, question] as const))(
    "%s: its own answer covers at least 0.8 of its key points in zh and in en",
    (_, question) => {
      expect(question.answer.en).toBeDefined();
      for (const answer of [question.answer.zh, question.answer.en ?? ""]) {
        const result = checkAnswerCoverage(question.keyPoints, answer);
        expect(result.misconceptions).toEqual([]);
        expect(result.coverage).toBeGreaterThanOrEqual(0.8);
      }
    },
  );

  it.each(QUESTIONS.map((question) => [question.slug, question] as const))(
    "%s: a keyword salad covers at most a third of its key points",
    (_, question) => {
      for (const salad of Object.values(SALADS)) {
        expect(checkAnswerCoverage(question.keyPoints, salad).coverage).toBeLessThanOrEqual(1 / 3);
      }
    },
  );

  it("gives every concept a specific term, and every question follow-ups and references", () => {
    for (const question of QUESTIONS) {
      for (const point of question.keyPoints) {
        const specific = point.concepts.some((terms) => terms.some((term) => !isGenericTerm(termWords(term))));
        expect({ slug: question.slug, point: point.zh, specific }).toEqual({
          slug: question.slug,
          point: point.zh,
          specific: true,
        });
      }
      expect(question.followUps?.length).toBeGreaterThanOrEqual(2);
      expect(question.followUps?.length).toBeLessThanOrEqual(3);
      expect(question.references?.length).toBeGreaterThanOrEqual(1);
    }
  });

  it("agrees with a human grader on at least 90% of key-point decisions", () => {
    expect(GRADED_ANSWERS.length).toBeGreaterThanOrEqual(40);
    const slugs = new Set(GRADED_ANSWERS.map((graded) => graded.slug));
    expect(QUESTIONS.filter((question) => !slugs.has(question.slug)).map((question) => question.slug)).toEqual([]);
    let decisions = 0;
    let agreed = 0;
    let flagDecisions = 0;
    let flagsAgreed = 0;
    const disagreements: string[] = [];
    for (const graded of GRADED_ANSWERS) {
      const question = BY_SLUG.get(graded.slug);
      if (!question) throw new Error(`graded answer for unknown question ${graded.slug}`);
      const result = checkAnswerCoverage(question.keyPoints, graded.answer);
      const flagged = new Set(result.misconceptions.map((flag) => flag.pointIndex));
      for (const point of result.points) {
        decisions++;
        if (point.covered === graded.covered.includes(point.index)) agreed++;
        else
          disagreements.push(
            `${graded.slug} #${point.index} (${point.covered ? "covered" : "missed"}): ${graded.answer}`,
          );
        flagDecisions++;
        if (flagged.has(point.index) === (graded.misconceptions ?? []).includes(point.index)) flagsAgreed++;
        else disagreements.push(`${graded.slug} #${point.index} misconception: ${graded.answer}`);
      }
    }
    const agreement = agreed / decisions;
    const flagAgreement = flagsAgreed / flagDecisions;
    console.log(
      `answer check vs human grader: ${GRADED_ANSWERS.length} answers, ${decisions} point decisions, ` +
        `agreement ${agreement.toFixed(3)}, misconception agreement ${flagAgreement.toFixed(3)}` +
        (disagreements.length > 0 ? `\n  ${disagreements.join("\n  ")}` : ""),
    );
    expect(agreement).toBeGreaterThanOrEqual(0.9);
    expect(flagAgreement).toBeGreaterThanOrEqual(0.9);
  });
});
