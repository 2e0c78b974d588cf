import type { Question } from "../../generated/prisma/client.ts";
import type { AuthUser } from "../auth/context.ts";

/**
 * The one rule for reading a question, whatever the path to it (a query by slug, a list, a submission's
 * question, a subscription's event, a loader): learners and anonymous clients read published questions
 * only; drafts (unreleased) and archived questions (withdrawn, possibly re-drafted) are for admins.
 */
export function canReadQuestion(question: Pick<Question, "status">, viewer: Pick<AuthUser, "role"> | null): boolean {
  return question.status === "PUBLISHED" || viewer?.role === "ADMIN";
}

/** `question` when the viewer may read it, otherwise null (as if it did not exist). */
export function readableQuestion<T extends Pick<Question, "status">>(
  question: T | null | undefined,
  viewer: Pick<AuthUser, "role"> | null,
): T | null {
  return question && canReadQuestion(question, viewer) ? question : null;
}
