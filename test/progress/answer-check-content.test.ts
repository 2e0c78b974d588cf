import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { z } from "zod";
import { termWords } from "../../src/lib/text/tokens.ts";
import { type QuestionContent, questionContentSchema } from "../../src/modules/content/content-schema.ts";
import { checkAnswerCoverage } from "../../src/modules/progress/answer-check/match.ts";
import { isGenericTerm } from "../../src/modules/progress/answer-check/vocabulary.ts";
import { GRADED_ANSWERS } from "./graded-answers.ts";

/**
 * Holds every concept file's key points to its own answers, to keyword salads, wrong definitions and misconceptions
 * written to tune on (answer-check-tuning.yaml), and to human-graded answers. The frozen held-out set is measured
 * in answer-check-held-out.test.ts.
 */

const CONCEPTS_DIR = new URL("../../seed/content/concepts/", import.meta.url);
const QUESTIONS: QuestionContent[] = readdirSync(CONCEPTS_DIR)
  .filter((file) => file.endsWith(".yaml"))
  .sort()
  .map((file) => questionContentSchema.parse(parse(readFileSync(new URL(file, CONCEPTS_DIR), "utf8"))));
const BY_SLUG = new Map(QUESTIONS.map((question) => [question.slug, question]));

const tuningEntry = z.strictObject({ slug: z.string(), answer: z.string() });
const TUNING = z
  .strictObject({
    salads: z.array(tuningEntry),
    wrongDefinitions: z.array(tuningEntry),
    misconceptions: z.array(tuningEntry),
  })
  .parse(parse(readFileSync(new URL("./answer-check-tuning.yaml", import.meta.url), "utf8")));

function checkFor(slug: string, answer: string) {
  const question = BY_SLUG.get(slug);
  if (!question) throw new Error(`tuning answer for unknown question ${slug}`);
  return checkAnswerCoverage(question.keyPoints, answer);
}

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
    expect(QUESTIONS.length).toBe(39);
  });

  // The reference is what a learner reads after answering: the answer and its explanation. Explanations refute
  // wrong claims on purpose, so only the answer itself must flag no misconception.
  it.each(QUESTIONS.map((question) => [question.slug, question] as const))(
    "%s: its own answer covers at least 0.8 of its key points in zh and in en",
    (_, question) => {
      expect(question.answer.en).toBeDefined();
      const references = [
        [question.answer.zh, question.explanation?.zh ?? ""],
        [question.answer.en ?? "", question.explanation?.en ?? ""],
      ];
      for (const [answer, explanation] of references) {
        expect(checkAnswerCoverage(question.keyPoints, answer).misconceptions).toEqual([]);
        expect(checkAnswerCoverage(question.keyPoints, `${answer}\n\n${explanation}`).coverage).toBeGreaterThanOrEqual(
          0.8,
        );
      }
    },
  );

  it.each(QUESTIONS.map((question) => [question.slug, question] as const))(
    "%s: a keyword salad covers none of its key points",
    (_, question) => {
      for (const salad of Object.values(SALADS)) {
        expect(checkAnswerCoverage(question.keyPoints, salad).coverage).toBe(0);
      }
      const own = TUNING.salads.filter((salad) => salad.slug === question.slug);
      expect(own.length).toBeGreaterThanOrEqual(1);
      for (const salad of own) {
        expect({ salad: salad.answer, coverage: checkFor(salad.slug, salad.answer).coverage }).toEqual({
          salad: salad.answer,
          coverage: 0,
        });
      }
    },
  );

  it("credits no wrong definition and flags every tuning misconception", () => {
    for (const wrong of TUNING.wrongDefinitions) {
      const covered = checkFor(wrong.slug, wrong.answer).points.filter((point) => point.covered);
      expect({ answer: wrong.answer, covered: covered.map((point) => point.zh) }).toEqual({
        answer: wrong.answer,
        covered: [],
      });
    }
    for (const claim of TUNING.misconceptions) {
      const flagged = checkFor(claim.slug, claim.answer).misconceptions.length > 0;
      expect({ answer: claim.answer, flagged }).toEqual({ answer: claim.answer, flagged: true });
    }
  });

  it("makes every key point a relation: at least two groups, at least two of them needed", () => {
    for (const question of QUESTIONS) {
      for (const point of question.keyPoints) {
        const groups = point.concepts.length;
        const need = point.need ?? groups;
        expect({ slug: question.slug, point: point.zh, groups: groups >= 2, need: need >= 2 }).toEqual({
          slug: question.slug,
          point: point.zh,
          groups: true,
          need: true,
        });
      }
    }
  });

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
