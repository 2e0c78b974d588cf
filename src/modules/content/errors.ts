export type ContentIssue = { path: string; message: string };

/** Content that fails the schema or names a topic / kernel that does not exist. Maps to BAD_USER_INPUT. */
export class ContentValidationError extends Error {
  override name = "ContentValidationError";
  readonly issues: ContentIssue[];

  constructor(issues: ContentIssue[]) {
    super(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; "));
    this.issues = issues;
  }
}

/** No question has this slug. Maps to NOT_FOUND. */
export class QuestionNotFoundError extends Error {
  override name = "QuestionNotFoundError";
  readonly slug: string;

  constructor(slug: string) {
    super(`No question with slug "${slug}"`);
    this.slug = slug;
  }
}
