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

  """
  The language of a text. A text field's locale argument, when omitted, is the request's locale: the signed-in
  user's preference (setPreferredLocale), else the request's Accept-Language header (zh or en, by q-value; over
  WebSocket the connection request's), else ZH. Error messages follow the same rule; their extensions.code does
  not change with the language.
  """
  enum Locale {
    "Chinese (简体中文)."
    ZH
    "English; a text without an English translation falls back to its Chinese original."
    EN
  }

  type Topic {
    id: ID!
    slug: String!
    "The name in the locale (see Locale: when omitted, the user's preference, else Accept-Language, else ZH)."
    name(locale: Locale): String!
    nameZh: String!
    nameEn: String!
    "Published questions in this topic."
    questionCount: Int!
  }

  type KeyPoint {
    text(locale: Locale): String!
    zh: String!
    en: String
  }

  "What an interviewer would ask next, with a short answer."
  type FollowUp {
    question(locale: Locale): String!
    "Always set on concept questions; a coding problem's follow-up may be a question to think about, without one."
    answer(locale: Locale): String
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
    note(locale: Locale): String
  }

  type Question {
    id: ID!
    slug: String!
    kind: QuestionKind!
    difficulty: Difficulty!
    status: QuestionStatus!
    revision: Int!
    "Texts in the requested locale; English falls back to the Chinese original when no translation exists."
    title(locale: Locale): String!
    """
    The statement as a learner of that language reads it (TypeScript by default, JavaScript reads TypeScript's):
    a coding problem's signature, argument shapes, example and result key names are the language's own.
    """
    body(locale: Locale, language: Language = TYPESCRIPT): String!
    """
    A coding problem's answer and explanation are part of its editorial: null until the signed-in learner has
    an ACCEPTED submission or gave up (see Question.editorialAccess). Always set for concept questions.
    """
    answer(locale: Locale): String
    explanation(locale: Locale): String
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
    """
    The starter code in that language (TypeScript by default), its comments in the locale (see Locale); an error for
    a language not in languages.
    """
    starterCode(language: Language = TYPESCRIPT, locale: Locale): String!
    """
    What a solution in that language may use, when the language restricts it (e.g. numpy without matmul), in the
    locale (see Locale).
    """
    allowed(language: Language = TYPESCRIPT, locale: Locale): String
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
