export const typeDefs = /* GraphQL */ `
  "Where a question comes from: the source article, or this platform's own extension of it."
  enum QuestionOrigin {
    ARTICLE
    PLATFORM_EXTENSION
  }

  "Why the signed-in learner may read an editorial."
  enum EditorialUnlock {
    ACCEPTED
    GAVE_UP
    ADMIN
  }

  type Hint {
    "0-based position; hints open in this order."
    index: Int!
    text(locale: Locale): String!
    zh: String!
    en: String
  }

  type Complexity {
    time: String!
    space: String!
  }

  type Editorial {
    "The short answer (the question's answer text)."
    summary(locale: Locale): String!
    "The efficient method, step by step, with that language's solution notes (TypeScript by default)."
    approach(locale: Locale, language: Language = TYPESCRIPT): String!
    "The naive method and why it falls short."
    naive(locale: Locale): String!
    "The longer discussion (the question's explanation text), when there is one."
    discussion(locale: Locale): String
    complexity: Complexity!
    pitfalls(locale: Locale): [String!]!
    "The reference solution the grader compares against, one per language."
    solutions: [SolutionCode!]!
  }

  type SolutionCode {
    "A lower-case language name, e.g. typescript."
    language: String!
    code: String!
  }

  type EditorialAccess {
    unlocked: Boolean!
    "null while locked."
    reason: EditorialUnlock
    gaveUpAt: DateTime
  }

  "One of the article's coding exercises as the article wrote it, and corrected."
  type ArticleExercise {
    language: String!
    articleCode: String!
    """
    The corrected code is an accepted solution, so it opens with the editorial: FORBIDDEN (UNAUTHENTICATED when
    anonymous) until the signed-in learner has an ACCEPTED submission or has given up; see Question.editorialAccess.
    """
    correctedCode: String
    "What the article's code gets wrong."
    note(locale: Locale): String!
  }

  extend type Question {
    origin: QuestionOrigin!
    "Input sizes and value ranges, one line per argument (coding problems), with that language's types (TypeScript by default)."
    constraints(locale: Locale, language: Language = TYPESCRIPT): [String!]!
    hintCount: Int!
    "The hints the signed-in learner has revealed (mutation revealHint), in order; empty when anonymous."
    revealedHints: [Hint!]!
    editorialAccess: EditorialAccess!
    """
    Coding problems only (null otherwise). Locked until the signed-in learner has an ACCEPTED submission or has
    given up (mutation giveUp): reading it before raises FORBIDDEN (UNAUTHENTICATED when anonymous); check
    editorialAccess first to avoid the error.
    """
    editorial: Editorial
    "Published coding problems linked to this question, in either direction."
    relatedProblems: [Question!]!
    "Published concept questions linked to this question, in either direction."
    relatedConcepts: [Question!]!
    "For the article's four coding exercises: its code, a corrected version and what was wrong."
    articleExercise: ArticleExercise
  }

  extend type QuestionProgress {
    "Hints revealed so far."
    hintsRevealed: Int!
    "When the learner gave up and opened the editorial; null if they did not."
    gaveUpAt: DateTime
  }

  extend type Mutation {
    "Reveals hint index (0-based) and records it; hint n opens only after hint n−1. Repeating a reveal is harmless."
    revealHint(slug: String!, index: Int!): Hint!
    "Gives up on a coding problem: records it and opens its editorial for the learner."
    giveUp(slug: String!): EditorialAccess!
  }
`;
