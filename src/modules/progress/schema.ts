import { SOLVED_RULE } from "./solved-rule.ts";

export const typeDefs = /* GraphQL */ `
  enum ReviewRating {
    AGAIN
    HARD
    GOOD
    EASY
  }

  enum CardState {
    NEW
    LEARNING
    REVIEW
    RELEARNING
  }

  enum LeaderboardPeriod {
    "The last 7 days."
    WEEK
    "The last 30 days."
    MONTH
    ALL
  }

  "The signed-in learner's progress on one question."
  type QuestionProgress {
    """
    The learner's own record: ATTEMPTED on any counted submission or review; SOLVED on the first ACCEPTED
    submission or a GOOD/EASY review; REVIEWING when a solved concept question is rated AGAIN (forgotten), until
    the next GOOD/EASY. What earns rank is stricter (see Query.leaderboard).
    """
    status: ProgressStatus!
    "Counted submissions (not sample runs) and reviews."
    attempts: Int!
    firstSolvedAt: DateTime
    "Fastest accepted runtime, coding questions only."
    bestRuntimeMs: Float
    lastActivityAt: DateTime
  }

  "solved: SOLVED or REVIEWING; attempted: tried but not solved yet; total: published questions."
  type DifficultyProgress {
    difficulty: Difficulty!
    solved: Int!
    attempted: Int!
    total: Int!
  }

  type TopicProgress {
    topic: Topic!
    solved: Int!
    attempted: Int!
    total: Int!
    """
    0–1: the mean over the topic's published questions of 0 (not solved), 1 (solved coding question) or,
    for a solved concept question, the FSRS probability of recalling it now.
    """
    mastery: Float!
  }

  type ActivityDayCount {
    "Local date (YYYY-MM-DD) in the learner's time zone."
    date: String!
    count: Int!
  }

  type ProgressSummary {
    solved: Int!
    attempted: Int!
    total: Int!
    byDifficulty: [DifficultyProgress!]!
    byTopic: [TopicProgress!]!
    "Consecutive local days with activity ending today, or yesterday if today has none yet."
    currentStreak: Int!
    longestStreak: Int!
    "The last 365 local days, oldest first, today last; days without activity have count 0."
    calendar: [ActivityDayCount!]!
    timeZone: String!
    "Today's local date in the learner's time zone."
    today: String!
  }

  "A concept question scheduled for review (FSRS state)."
  type ReviewCard {
    question: Question!
    "Never reviewed: offered as one of today's new cards."
    isNew: Boolean!
    due: DateTime!
    state: CardState!
    stability: Float!
    difficulty: Float!
    reps: Int!
    lapses: Int!
    scheduledDays: Int!
    lastReview: DateTime
  }

  input ReviewInput {
    slug: String!
    rating: ReviewRating!
  }

  "One concept of a key point: a group of alternative terms, any one of which names it."
  type ConceptCheck {
    terms: [String!]!
    "Terms found in the answer's statements; lists and flagged wrong claims count for nothing."
    matched: [String!]!
    "Terms found only under a negation (不需要…, without…)."
    negated: [String!]!
    "Named together with the point's other concepts, in the same sentence or the next."
    satisfied: Boolean!
  }

  type KeyPointCheck {
    "Position in the question's key points."
    index: Int!
    zh: String!
    en: String
    covered: Boolean!
    "Share (0–1) of the needed concepts the answer names together; 0 when its only evidence is generic words."
    score: Float!
    "How many of the point's concepts a covering answer names."
    need: Int!
    concepts: [ConceptCheck!]!
    "The named concepts rest only on words too common to count (数据, model, performance…)."
    genericOnly: Boolean!
    matchedKeywords: [String!]!
    "Terms of the concepts still missing, in the answer's language: what to add."
    missingKeywords: [String!]!
  }

  "A common wrong claim found in the answer, with its correction."
  type Misconception {
    "The key point it concerns."
    pointIndex: Int!
    zh: String!
    en: String
    correction(locale: Locale): String!
    "The terms that made the claim."
    matched: [String!]!
  }

  "Which key points a free-text answer covers; deterministic term matching, Chinese and English."
  type AnswerCheck {
    slug: String!
    "Share (0–1) of key points covered."
    coverage: Float!
    covered: [KeyPointCheck!]!
    missed: [KeyPointCheck!]!
    points: [KeyPointCheck!]!
    misconceptions: [Misconception!]!
  }

  type LeaderboardEntry {
    rank: Int!
    handle: String!
    "Solves that count (see Query.leaderboard) made within the period."
    solved: Int!
    "When the learner reached this count; the earlier wins a tie."
    lastSolvedAt: DateTime!
  }

  extend type Question {
    "The signed-in learner's progress; null when anonymous."
    progress: QuestionProgress
  }

  extend type Query {
    myProgress: ProgressSummary!
    "Due cards oldest due first, then today's new cards (up to the daily limit)."
    reviewQueue(limit: Int = 20): [ReviewCard!]!
    checkConceptAnswer(slug: String!, answer: String!): AnswerCheck!
    """
    Learners by solves made within the period, most first. ${SOLVED_RULE}
    """
    leaderboard(period: LeaderboardPeriod!, first: Int = 20): [LeaderboardEntry!]!
  }

  extend type Mutation {
    reviewQuestion(input: ReviewInput!): ReviewCard!
    "Sets the IANA time zone (e.g. Asia/Shanghai) used for streaks and the calendar."
    setTimeZone(timeZone: String!): User!
  }
`;
