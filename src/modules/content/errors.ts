import { BadUserInputError, fieldPath } from "../../lib/domain-errors.ts";

export type ContentIssue = { path: string; message: string };

/**
 * Content that fails the schema or names a topic / kernel that does not exist. `issues` keep their paths
 * inside the question (the seed reports them per file); the API names them under `inputPath` (`input.slug`).
 */
export class ContentValidationError extends BadUserInputError {
  override name = "ContentValidationError";
  readonly issues: ContentIssue[];

  constructor(issues: ContentIssue[], inputPath = "") {
    super(issues.map((issue) => ({ field: fieldPath(inputPath, issue.path), message: issue.message })));
    this.issues = issues;
  }
}
