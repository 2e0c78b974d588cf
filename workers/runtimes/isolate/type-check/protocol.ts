// Messages between TypeChecker (checker.ts, in the grader's main thread) and its worker thread (worker.ts).
// Both import this file; neither imports the other.

/** What TypeChecker passes as workerData: the worker module serves requests only in a thread started for it. */
export const CHECKER_THREAD = "type-checker";

export type TypeCheckRequest = { id: number; code: string };
export type TypeCheckReply = { id: number; errors: TypeDiagnostic[] };
export type TypeCheckerReady = { ready: true; threadId: number | null };
export type TypeDiagnostic = { line: number; column: number; code: number; message: string };
