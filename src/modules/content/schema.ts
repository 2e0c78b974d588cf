export const typeDefs = /* GraphQL */ `
  input LocalizedTextInput {
    zh: String!
    en: String
  }

  input MisconceptionInput {
    "The wrong claim."
    zh: String!
    en: String
    "Groups of terms that, all in one sentence, make the claim."
    when: [[String!]!]!
    correction: LocalizedTextInput!
  }

  input KeyPointInput {
    zh: String!
    en: String
    "Groups of alternative terms (zh and en); any term of a group names that concept."
    concepts: [[String!]!]!
    "How many concepts an answer must name (default: all)."
    need: Int
    misconceptions: [MisconceptionInput!]
  }

  input FollowUpInput {
    question: LocalizedTextInput!
    "Required on concept questions; optional on coding problems."
    answer: LocalizedTextInput
  }

  input ReferenceInput {
    title: String!
    "https only."
    url: String
  }

  input CodeExampleInput {
    language: String!
    code: String!
    note: LocalizedTextInput
  }

  input SourceInput {
    section: String!
    heading: String!
  }

  input TestPlanInput {
    seed: Int!
    sample: Int
    hidden: Int
    performance: Int
  }

  input CodingProblemInput {
    "A kernel id of the reference suite, e.g. matmul."
    kernelId: String!
    timeLimitMs: Int
    memoryLimitMb: Int
    atol: Float
    rtol: Float
    testPlan: TestPlanInput
  }

  input ComplexityInput {
    time: String!
    space: String!
  }

  input EditorialInput {
    approach: LocalizedTextInput!
    naive: LocalizedTextInput!
    complexity: ComplexityInput!
    pitfalls: [LocalizedTextInput!]!
  }

  input RelatedInput {
    "Slugs of coding problems."
    problems: [String!]
    "Slugs of concept questions."
    concepts: [String!]
  }

  input ArticleExerciseInput {
    language: String!
    articleCode: String!
    correctedCode: String!
    note: LocalizedTextInput!
  }

  "A coding problem's statement in one language: what only a learner of that language reads."
  input LanguagePartInput {
    "Signature, argument shapes and types, the example and result key names, as that language has them."
    body: LocalizedTextInput!
    "Constraint lines naming this language's types, after the shared ones."
    constraints: [LocalizedTextInput!]
    "Solution notes for this language, after the editorial's approach."
    notes: LocalizedTextInput
  }

  input LanguagePartsInput {
    "TypeScript's part, also JavaScript's."
    typescript: LanguagePartInput!
    python: LanguagePartInput!
  }

  input QuestionInput {
    slug: String!
    kind: QuestionKind!
    difficulty: Difficulty!
    "Default DRAFT."
    status: QuestionStatus
    "Topic slugs."
    topics: [String!]!
    title: LocalizedTextInput!
    body: LocalizedTextInput!
    answer: LocalizedTextInput!
    explanation: LocalizedTextInput
    keyPoints: [KeyPointInput!]
    examples: [CodeExampleInput!]
    "At most 3."
    followUps: [FollowUpInput!]
    references: [ReferenceInput!]
    source: SourceInput
    "Required for CODING questions."
    coding: CodingProblemInput
    "Teaching content (README: problem format). Hints, editorial and articleExercise: CODING questions only."
    constraints: [LocalizedTextInput!]
    "2–4, revealed to learners one at a time."
    hints: [LocalizedTextInput!]
    editorial: EditorialInput
    related: RelatedInput
    articleExercise: ArticleExerciseInput
    "CODING questions: the statement's language-specific parts."
    languages: LanguagePartsInput
  }

  type QuestionRevision {
    revision: Int!
    createdAt: DateTime!
    editor: User
    "The question as it was after this edit."
    snapshot: JSON!
  }

  extend type Question {
    "Admins only: every edit, newest first."
    revisions: [QuestionRevision!]!
  }

  extend type Mutation {
    "ADMIN. Creates or edits a question by slug; every change keeps a revision."
    upsertQuestion(input: QuestionInput!): Question!
    "ADMIN."
    setQuestionStatus(slug: String!, status: QuestionStatus!): Question!
  }
`;
