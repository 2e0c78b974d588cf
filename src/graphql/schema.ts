import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import * as auth from "../modules/auth/schema.ts";
import { resolvers as authResolvers } from "../modules/auth/resolvers.ts";
import * as questions from "../modules/questions/schema.ts";
import { resolvers as questionResolvers } from "../modules/questions/resolvers.ts";
import { DateTime, JSONScalar } from "./scalars.ts";

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
  return makeExecutableSchema({
    typeDefs: [baseTypeDefs, auth.typeDefs, questions.typeDefs],
    resolvers: [
      { DateTime, JSON: JSONScalar },
      authResolvers,
      questionResolvers,
    ],
  });
}
