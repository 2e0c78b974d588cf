import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { withRequestLocale } from "../graphql/locale-arguments.ts";
import { DateTime, JSONScalar } from "../graphql/scalars.ts";
import { resolvers as authResolvers } from "../modules/auth/resolvers.ts";
import * as auth from "../modules/auth/schema.ts";
import { resolvers as contentResolvers } from "../modules/content/resolvers.ts";
import * as content from "../modules/content/schema.ts";
import { resolvers as progressResolvers } from "../modules/progress/resolvers.ts";
import * as progress from "../modules/progress/schema.ts";
import { resolvers as questionResolvers } from "../modules/questions/resolvers.ts";
import * as questions from "../modules/questions/schema.ts";
import { resolvers as teachingResolvers } from "../modules/questions/teaching-resolvers.ts";
import * as teaching from "../modules/questions/teaching-typedefs.ts";
import { resolvers as submissionResolvers } from "../modules/submissions/resolvers.ts";
import * as submissions from "../modules/submissions/schema.ts";
import { resolvers as trackResolvers } from "../modules/tracks/resolvers.ts";
import * as tracks from "../modules/tracks/schema.ts";

const baseTypeDefs = /* GraphQL */ `
  scalar DateTime
  scalar JSON

  enum ProgressStatus {
    NOT_STARTED
    ATTEMPTED
    SOLVED
    REVIEWING
  }

`;

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: [
      baseTypeDefs,
      auth.typeDefs,
      questions.typeDefs,
      content.typeDefs,
      submissions.typeDefs,
      progress.typeDefs,
      teaching.typeDefs,
      tracks.typeDefs,
    ],
    resolvers: [
      { DateTime, JSON: JSONScalar },
      authResolvers,
      questionResolvers,
      contentResolvers,
      submissionResolvers,
      progressResolvers,
      teachingResolvers,
      trackResolvers,
    ],
  });
  return withRequestLocale(schema);
}
