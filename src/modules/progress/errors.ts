/** Typed service errors; resolvers map them to GraphQL error codes. */

export class ProgressNotFoundError extends Error {
  override name = "ProgressNotFoundError";
}

export class ProgressInputError extends Error {
  override name = "ProgressInputError";
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
