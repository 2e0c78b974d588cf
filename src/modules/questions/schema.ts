export const typeDefs = /* GraphQL */ `
  enum QuestionKind {
    CONCEPT
    CODING
  }

  enum Difficulty {
    EASY
    MEDIUM
    HARD
  }

  enum QuestionStatus {
    DRAFT
    PUBLISHED
    ARCHIVED
  }

  enum Locale {
    ZH
    EN
  }

  type Topic {
    id: ID!
    slug: String!
    "The name in the requested locale (Chinese by default)."
    name(locale: Locale = ZH): String!
    nameZh: String!
    nameEn: String!
    "Published questions in this topic."
    questionCount: Int!
  }

  type KeyPoint {
    text(locale: Locale = ZH): String!
    zh: String!
    en: String
  }

  "What an interviewer would ask next, with a short answer."
  type FollowUp {
    question(locale: Locale = ZH): String!
    "Always set on concept questions; a coding problem's follow-up may be a question to think about, without one."
    answer(locale: Locale = ZH): String
  }

  "A paper, official document or library definition the content rests on."
  type Reference {
    title: String!
    "https; null when the reference is a book or paper without a stable link."
    url: String
  }

  type CodeExample {
    language: String!
    code: String!
    "What the source article got wrong, when this example corrects it."
    note(locale: Locale = ZH): String
  }

  type Question {
    id: ID!
    slug: String!
    kind: QuestionKind!
    difficulty: Difficulty!
    status: QuestionStatus!
    revision: Int!
    "Texts in the requested locale; English falls back to the Chinese original when no translation exists."
    title(locale: Locale = ZH): String!
    body(locale: Locale = ZH): String!
    """
    A coding problem's answer and explanation are part of its editorial: null until the signed-in learner has
    an ACCEPTED submission or gave up (see Question.editorialAccess). Always set for concept questions.
    """
    answer(locale: Locale = ZH): String
    explanation(locale: Locale = ZH): String
    keyPoints: [KeyPoint!]!
    examples: [CodeExample!]!
    followUps: [FollowUp!]!
    references: [Reference!]!
    sourceRef: String
    topics: [Topic!]!
    codingProblem: CodingProblem
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type SampleTest {
    name: String!
    "Arguments of the function, in order."
    input: JSON!
    expected: JSON!
  }

  type CodingProblem {
    id: ID!
    kernelId: String!
    "The function to define, as named in TypeScript and JavaScript (Python names it in its signature)."
    functionName: String!
    "The languages a solution may be written in."
    languages: [Language!]!
    "The signature in that language (TypeScript by default); an error for a language not in languages."
    signature(language: Language = TYPESCRIPT): String!
    "The starter code in that language (TypeScript by default); an error for a language not in languages."
    starterCode(language: Language = TYPESCRIPT): String!
    "What a solution in that language may use, when the language restricts it (e.g. numpy without matmul)."
    allowed(language: Language = TYPESCRIPT): String
    "Sample tests, their inputs as the function in that language takes them (TypeScript by default)."
    samples(language: Language = TYPESCRIPT): [SampleTest!]!
    hiddenTestCount: Int!
    performanceTestCount: Int!
    timeLimitMs: Int!
    memoryLimitMb: Int!
    atol: Float!
    rtol: Float!
  }

  input QuestionFilter {
    kind: QuestionKind
    difficulty: Difficulty
    "Topic slug."
    topic: String
    "Track slug: the track's questions (in the catalogue's order; Query.track lists them in the track's order)."
    track: String
    "The signed-in learner's progress on the question."
    status: ProgressStatus
    "Words to find in titles, statements and key points, Chinese or English."
    search: String
    "Admins only: list questions in this publication status (default PUBLISHED)."
    questionStatus: QuestionStatus
  }

  type QuestionEdge {
    cursor: String!
    node: Question!
  }

  "Relay connection paging: first/after walks forward, last/before walks backward."
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type QuestionConnection {
    edges: [QuestionEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  extend type Query {
    "Oldest first. first (default 20, at most 100) after a cursor, or last before a cursor; not first and last together."
    questions(filter: QuestionFilter, first: Int, after: String, last: Int, before: String): QuestionConnection!
    question(slug: String!): Question
    topics: [Topic!]!
  }
`;
