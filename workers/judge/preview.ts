// Sample test data shown to the learner: JSON-safe and short (a long value becomes a truncated JSON text).
import { toJsonSafe } from "../../src/kernels/problem-tests.ts";

const MAX_PREVIEW_CHARS = 2048;

export function preview(value: unknown): unknown {
  const safe = toJsonSafe(value);
  const text = JSON.stringify(safe);
  return text.length <= MAX_PREVIEW_CHARS ? safe : `${text.slice(0, MAX_PREVIEW_CHARS)}… (${text.length} characters)`;
}
