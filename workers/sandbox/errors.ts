// The bottom of the grading side's error vocabulary: every runtime and the sandbox under them throw it.

/** A fault of the grading infrastructure, not of the submission: the caller should retry the job later. */
export class InfrastructureError extends Error {
  override name = "InfrastructureError";
}
