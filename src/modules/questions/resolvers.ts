import type { CodingProblem, Question, Topic } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../../lib/domain-errors.ts";
import type { Context } from "../auth/context.ts";
import { codingProblemByQuestionId, publishedCountByTopicId, topicsByQuestionId } from "./loaders.ts";
import { sampleTestsOf, testCountsOf } from "./samples.ts";
import { findQuestion, listQuestions, listTopics } from "./service.ts";
import { canReadQuestion } from "./visibility.ts";

type LocaleArgs = { locale?: "ZH" | "EN" };

function localized(zh: string, en: string | null | undefined, args: LocaleArgs): string {
  return args.locale === "EN" && en ? en : zh;
}

type LocalizedText = { zh: string; en?: string | null };
type KeyPointJson = LocalizedText & { concepts?: unknown };
type FollowUpJson = { question: LocalizedText; answer: LocalizedText };
type ExampleJson = { language: string; code: string; note?: LocalizedText | null };

/**
 * A content field of Question applies the visibility rule again: every path that returns a question
 * already does, so this only matters for a path that forgets to — it then shows no unreleased content.
 */
function readGuarded<TArgs, TResult>(read: (question: Question, args: TArgs, ctx: Context) => TResult) {
  return (question: Question, args: TArgs, ctx: Context): TResult => {
    if (!canReadQuestion(question, ctx.user)) throw new NotFoundError("No such question.");
    return read(question, args, ctx);
  };
}

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
    title: readGuarded((q, args: LocaleArgs) => localized(q.titleZh, q.titleEn, args)),
    body: readGuarded((q, args: LocaleArgs) => localized(q.bodyZh, q.bodyEn, args)),
    answer: readGuarded((q, args: LocaleArgs) => localized(q.answerZh, q.answerEn, args)),
    explanation: readGuarded((q, args: LocaleArgs) => localized(q.explanationZh, q.explanationEn, args)),
    keyPoints: readGuarded((q) => q.keyPoints as KeyPointJson[]),
    examples: readGuarded((q) => q.examples as ExampleJson[]),
    topics: readGuarded((q, _, ctx) => topicsByQuestionId(ctx).load(q.id)),
    codingProblem: readGuarded((q, _, ctx) => (q.kind === "CODING" ? codingProblemByQuestionId(ctx).load(q.id) : null)),
    followUps: readGuarded((q) => q.followUps as FollowUpJson[]),
    references: readGuarded((q) => q.references as { title: string; url: string }[]),
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
    samples: (problem: CodingProblem) => sampleTestsOf(problem),
    hiddenTestCount: (problem: CodingProblem) => testCountsOf(problem).hidden,
    performanceTestCount: (problem: CodingProblem) => testCountsOf(problem).performance,
  },
};
