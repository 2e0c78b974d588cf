/** Typed service errors; resolvers map them to GraphQL error codes. */

export class ProgressNotFoundError extends Error {
  override name = "ProgressNotFoundError";
}

export class ProgressInputError extends Error {
  override name = "ProgressInputError";
  readonly field: string;
  /** The message without the field name, for clients that show it next to the field. */
  readonly detail: string;
  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.field = field;
    this.detail = detail;
  }
}
