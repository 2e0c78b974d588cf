import type { Resolvers } from "../../generated/graphql.ts";
import type { CodingProblem, Topic } from "../../generated/prisma/client.ts";
import type { Language } from "../../generated/prisma/enums.ts";
import { BadUserInputError, parseInput } from "../../lib/domain-errors.ts";
import { type LocaleArgs, localized } from "../../lib/locale.ts";
import { slugArgument } from "../../lib/text-input.ts";
import type { Context } from "../auth/context.ts";
import type { ExampleJson, FollowUpJson, KeyPointJson, ReferenceJson } from "./json-fields.ts";
import { allowedIn, formIn, languagesOf, starterCodeIn } from "./languages.ts";
import {
  codingProblemByQuestionId,
  editorialAccessByQuestionId,
  publishedCountByTopicId,
  questionBySlug,
  topicsByQuestionId,
} from "./loaders.ts";
import { readGuarded } from "./read-guarded.ts";
import { sampleTestsOf, testCountsOf } from "./samples.ts";
import { listQuestions, listTopics } from "./service.ts";
import type { QuestionRow } from "./sql.ts";
import { bodyIn, languagePartOf, type StatementArgs } from "./statement.ts";
import { readableQuestion } from "./visibility.ts";

type LanguageArgs = { language?: Language };

function formOrError(problem: CodingProblem, args: LanguageArgs) {
  const language = args.language ?? "TYPESCRIPT";
  const form = formIn(problem, language);
  if (!form) {
    throw new BadUserInputError([
      { field: "language", message: { zh: `这道题没有 ${language} 版本`, en: `this problem has no ${language} form` } },
    ]);
  }
  return form;
}

/** Concept answers are public; a coding problem's answer would give its editorial away before it opens. */
async function editorialOpen(q: QuestionRow, ctx: Context): Promise<boolean> {
  if (q.kind !== "CODING") return true;
  return (await editorialAccessByQuestionId(ctx).load(q.id)).unlocked;
}

export const resolvers: Resolvers = {
  Query: {
    questions: (_, args, ctx) => listQuestions(ctx.db, args, ctx.user),
    question: async (_: unknown, args: { slug: string }, ctx: Context) =>
      readableQuestion(await questionBySlug(ctx).load(parseInput(slugArgument, args.slug, "slug")), ctx.user),
    topics: (_: unknown, __: unknown, ctx: Context) => listTopics(ctx.db),
  },
  Question: {
    title: readGuarded((q, args: LocaleArgs) => localized(q.titleZh, q.titleEn, args)),
    body: readGuarded((q, args: StatementArgs) =>
      bodyIn({ zh: q.bodyZh, en: q.bodyEn }, languagePartOf(q.languageParts, args.language), args),
    ),
    answer: readGuarded(async (q, args: LocaleArgs, ctx) =>
      (await editorialOpen(q, ctx)) ? localized(q.answerZh, q.answerEn, args) : null,
    ),
    explanation: readGuarded(async (q, args: LocaleArgs, ctx) =>
      (await editorialOpen(q, ctx)) ? localized(q.explanationZh, q.explanationEn, args) : null,
    ),
    keyPoints: readGuarded((q) => q.keyPoints as KeyPointJson[]),
    examples: readGuarded((q) => q.examples as ExampleJson[]),
    // A list page reads its topics in the page's own statement; a single question loads them (batched).
    topics: readGuarded(
      (q: QuestionRow & { topicList?: Topic[] }, _, ctx) => q.topicList ?? topicsByQuestionId(ctx).load(q.id),
    ),
    codingProblem: readGuarded((q, _, ctx) => (q.kind === "CODING" ? codingProblemByQuestionId(ctx).load(q.id) : null)),
    followUps: readGuarded((q) => q.followUps as FollowUpJson[]),
    references: readGuarded((q) => q.references as ReferenceJson[]),
  },
  Topic: {
    name: (topic: Topic, args: LocaleArgs) => localized(topic.nameZh, topic.nameEn, args),
    questionCount: (topic: Topic, _: unknown, ctx: Context) => publishedCountByTopicId(ctx).load(topic.id),
  },
  FollowUp: {
    question: (followUp: FollowUpJson, args: LocaleArgs) => localized(followUp.question.zh, followUp.question.en, args),
    answer: (followUp: FollowUpJson, args: LocaleArgs) =>
      followUp.answer ? localized(followUp.answer.zh, followUp.answer.en, args) : null,
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
    starterCode: (problem: CodingProblem, args: LanguageArgs & LocaleArgs) =>
      starterCodeIn(
        problem.kernelId,
        formOrError(problem, args).starterCode,
        args.language ?? "TYPESCRIPT",
        args.locale ?? "ZH",
      ),
    allowed: (problem: CodingProblem, args: LanguageArgs & LocaleArgs) =>
      allowedIn(problem.kernelId, formOrError(problem, args).allowed, args.locale ?? "ZH"),
    samples: (problem: CodingProblem, args: LanguageArgs) => {
      const language = args.language ?? "TYPESCRIPT";
      formOrError(problem, args);
      return sampleTestsOf(problem, language);
    },
    hiddenTestCount: (problem: CodingProblem) => testCountsOf(problem).hidden,
    performanceTestCount: (problem: CodingProblem) => testCountsOf(problem).performance,
  },
};
