import { readFileSync } from "node:fs";
import { expect, it } from "@jest/globals";
import { buildSchema, type GraphQLObjectType } from "graphql";

// Fields whose names alone mislead a front-end developer carry a description that says what they mean.
const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
const submission = schema.getType("Submission") as GraphQLObjectType;

it("says that Submission.attempts counts grading attempts, not the learner's", () => {
  const description = submission.getFields().attempts.description ?? "";
  expect(description).toContain("How many times a grader started on this submission");
  expect(description).toContain("Question.progress.attempts");
});

it("says what Submission.memoryMb measures and why Python has none", () => {
  const description = submission.getFields().memoryMb.description ?? "";
  expect(description).toContain("TypeScript and JavaScript");
  expect(description).toContain("Null for Python");
});
