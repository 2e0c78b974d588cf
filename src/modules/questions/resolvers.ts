import type { CodingProblem, Question, Topic } from "../../generated/prisma/client.ts";
import type { Language } from "../../generated/prisma/enums.ts";
import { BadUserInputError } from "../../lib/domain-errors.ts";
import type { Context } from "../auth/context.ts";
import { formIn, languagesOf } from "./languages.ts";
import { codingProblemByQuestionId, publishedCountByTopicId, topicsByQuestionId } from "./loaders.ts";
import { sampleTestsOf, testCountsOf } from "./samples.ts";
import { findQuestion, listQuestions, listTopics } from "./service.ts";

type LocaleArgs = { locale?: "ZH" | "EN" };

function localized(zh: string, en: string | null | undefined, args: LocaleArgs): string {
  return args.locale === "EN" && en ? en : zh;
}

type LanguageArgs = { language?: Language };

function formOrError(problem: CodingProblem, args: LanguageArgs) {
  const language = args.language ?? "TYPESCRIPT";
  const form = formIn(problem, language);
  if (!form) throw new BadUserInputError([{ field: "language", message: `this problem has no ${language} form` }]);
  return form;
}

type LocalizedText = { zh: string; en?: string | null };
type KeyPointJson = LocalizedText & { concepts?: unknown };
type FollowUpJson = { question: LocalizedText; answer: LocalizedText };
type ExampleJson = { language: string; code: string; note?: LocalizedText | null };

export const resolvers = {
  Query: {
    questions: async (_: unknown, args: unknown, ctx: Context) => {
      const page = await listQuestions(ctx.db, args, ctx.user);
      const topics = topicsByQuestionId(ctx);
      for (const { node } of page.edges)
        topics.prime(
          node.id,
          node.topics.map((link) => link.topic),
        );
      return page;
    },
    question: (_: unknown, args: { slug: string }, ctx: Context) => findQuestion(ctx.db, args.slug, ctx.user),
    topics: (_: unknown, __: unknown, ctx: Context) => listTopics(ctx.db),
  },
  Question: {
    title: (q: Question, args: LocaleArgs) => localized(q.titleZh, q.titleEn, args),
    body: (q: Question, args: LocaleArgs) => localized(q.bodyZh, q.bodyEn, args),
    answer: (q: Question, args: LocaleArgs) => localized(q.answerZh, q.answerEn, args),
    explanation: (q: Question, args: LocaleArgs) => localized(q.explanationZh, q.explanationEn, args),
    keyPoints: (q: Question) => q.keyPoints as KeyPointJson[],
    examples: (q: Question) => q.examples as ExampleJson[],
    followUps: (q: Question) => q.followUps as FollowUpJson[],
    references: (q: Question) => q.references as { title: string; url: string }[],
    topics: (q: Question, _: unknown, ctx: Context) => topicsByQuestionId(ctx).load(q.id),
    codingProblem: (q: Question, _: unknown, ctx: Context) =>
      q.kind === "CODING" ? codingProblemByQuestionId(ctx).load(q.id) : null,
  },
  Topic: {
    name: (topic: Topic, args: LocaleArgs) => localized(topic.nameZh, topic.nameEn, args),
    questionCount: (topic: Topic, _: unknown, ctx: Context) => publishedCountByTopicId(ctx).load(topic.id),
  },
  FollowUp: {
    question: (followUp: FollowUpJson, args: LocaleArgs) => localized(followUp.question.zh, followUp.question.en, args),
    answer: (followUp: FollowUpJson, args: LocaleArgs) => localized(followUp.answer.zh, followUp.answer.en, args),
  },
  KeyPoint: {
    text: (point: KeyPointJson, args: LocaleArgs) => localized(point.zh, point.en, args),
  },
  CodeExample: {
    note: (example: ExampleJson, args: LocaleArgs) =>
      example.note ? localized(example.note.zh, example.note.en, args) : null,
  },
  CodingProblem: {
    languages: (problem: CodingProblem) => languagesOf(problem.kernelId),
    signature: (problem: CodingProblem, args: LanguageArgs) => formOrError(problem, args).signature,
    starterCode: (problem: CodingProblem, args: LanguageArgs) => formOrError(problem, args).starterCode,
    allowed: (problem: CodingProblem, args: LanguageArgs) => formOrError(problem, args).allowed,
    samples: (problem: CodingProblem, args: LanguageArgs) => {
      const language = args.language ?? "TYPESCRIPT";
      formOrError(problem, args);
      return sampleTestsOf(problem, language);
    },
    hiddenTestCount: (problem: CodingProblem) => testCountsOf(problem).hidden,
    performanceTestCount: (problem: CodingProblem) => testCountsOf(problem).performance,
  },
};
