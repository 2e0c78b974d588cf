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
    title(locale: Locale): String!
    description(locale: Locale): String!
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
    Done: a coding problem by the leaderboard's rule (its first ACCEPTED full submission came before the learner
    opened its editorial; a solve after giving up does not count); a concept question, which the leaderboard does
    not rank, when a review of it was rated GOOD or EASY. Null when anonymous.
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
