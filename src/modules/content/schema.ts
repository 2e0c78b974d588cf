export const typeDefs = /* GraphQL */ `
  input LocalizedTextInput {
    zh: String!
    en: String
  }

  enum MisconceptionScope {
    SENTENCE
    CLAUSE
  }

  input MisconceptionInput {
    "The wrong claim."
    zh: String!
    en: String
    "Groups of terms that, all in one sentence, make the claim."
    when: [[String!]!]!
    "Terms that, in the same sentence, mean the claim is not being made (a right claim with the same words)."
    unless: [String!]
    "SENTENCE (default) or CLAUSE: where the groups must meet; CLAUSE for definitions that a sentence may contrast."
    scope: MisconceptionScope
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
