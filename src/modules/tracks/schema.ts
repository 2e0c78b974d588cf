export const typeDefs = /* GraphQL */ `
  enum TrackLevel {
    BEGINNER
    INTERMEDIATE
    ADVANCED
  }

  "A study track: an ordered path through concept questions and coding problems (a concept before the problem that implements it)."
  type Track {
    id: ID!
    slug: String!
    level: TrackLevel!
    title(locale: Locale = ZH): String!
    description(locale: Locale = ZH): String!
    "Published items, in the track's order."
    items: [TrackItem!]!
    "How many published items the track has."
    itemCount: Int!
    "The signed-in learner's progress on the track; null when anonymous."
    progress: TrackProgress
  }

  type TrackItem {
    "1, 2, … in the track's order."
    position: Int!
    question: Question!
    "The signed-in learner's progress status on the question; null when anonymous."
    status: ProgressStatus
    """
    Solved by the leaderboard's rule (the question's first solve is recorded: an ACCEPTED submission, a GOOD/EASY
    review); null when anonymous.
    """
    done: Boolean
  }

  type TrackProgress {
    "Items done, by TrackItem.done."
    done: Int!
    total: Int!
    "The first item in the track's order that is not done; null when every item is."
    next: TrackItem
  }

  extend type Query {
    "Every study track, in the authored order."
    tracks: [Track!]!
    track(slug: String!): Track
  }
`;
