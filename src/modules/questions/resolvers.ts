import type { CodingProblem, Question, Topic } from "../../generated/prisma/client.ts";
import type { Context } from "../auth/context.ts";
import { codingProblemByQuestionId, publishedCountByTopicId, questionBySlug, topicsByQuestionId } from "./loaders.ts";
import { sampleTestsOf, testCountsOf } from "./samples.ts";
import { listQuestions, listTopics } from "./service.ts";
import { readableQuestion } from "./visibility.ts";

type LocaleArgs = { locale?: "ZH" | "EN" };

function localized(zh: string, en: string | null | undefined, args: LocaleArgs): string {
  return args.locale === "EN" && en ? en : zh;
}

type LocalizedText = { zh: string; en?: string | null };
type KeyPointJson = LocalizedText & { keywords?: unknown };
type ExampleJson = { language: string; code: string; note?: LocalizedText | null };

export const resolvers = {
  Query: {
    questions: (_: unknown, args: unknown, ctx: Context) => listQuestions(ctx.db, args, ctx.user),
    question: async (_: unknown, args: { slug: string }, ctx: Context) =>
      readableQuestion(await questionBySlug(ctx).load(args.slug), ctx.user),
    topics: (_: unknown, __: unknown, ctx: Context) => listTopics(ctx.db),
  },
  Question: {
    title: (q: Question, args: LocaleArgs) => localized(q.titleZh, q.titleEn, args),
    body: (q: Question, args: LocaleArgs) => localized(q.bodyZh, q.bodyEn, args),
    answer: (q: Question, args: LocaleArgs) => localized(q.answerZh, q.answerEn, args),
    explanation: (q: Question, args: LocaleArgs) => localized(q.explanationZh, q.explanationEn, args),
    keyPoints: (q: Question) => q.keyPoints as KeyPointJson[],
    examples: (q: Question) => q.examples as ExampleJson[],
    // A list page reads its topics in the page's own statement; a single question loads them (batched).
    topics: (q: Question & { topicList?: Topic[] }, _: unknown, ctx: Context) =>
      q.topicList ?? topicsByQuestionId(ctx).load(q.id),
    codingProblem: (q: Question, _: unknown, ctx: Context) =>
      q.kind === "CODING" ? codingProblemByQuestionId(ctx).load(q.id) : null,
  },
  Topic: {
    name: (topic: Topic, args: LocaleArgs) => localized(topic.nameZh, topic.nameEn, args),
    questionCount: (topic: Topic, _: unknown, ctx: Context) => publishedCountByTopicId(ctx).load(topic.id),
  },
  KeyPoint: {
    text: (point: KeyPointJson, args: LocaleArgs) => localized(point.zh, point.en, args),
  },
  CodeExample: {
    note: (example: ExampleJson, args: LocaleArgs) =>
      example.note ? localized(example.note.zh, example.note.en, args) : null,
  },
  CodingProblem: {
    samples: (problem: CodingProblem) => sampleTestsOf(problem),
    hiddenTestCount: (problem: CodingProblem) => testCountsOf(problem).hidden,
    performanceTestCount: (problem: CodingProblem) => testCountsOf(problem).performance,
  },
};
