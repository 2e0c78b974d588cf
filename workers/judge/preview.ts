// Sample test data shown to the learner: JSON-safe (typed arrays as arrays, non-finite numbers as strings)
// and short (a long value becomes a truncated JSON text).

const MAX_PREVIEW_CHARS = 2048;

function jsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<unknown>, jsonSafe);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, jsonSafe(field)]));
  }
  return value ?? null;
}

export function preview(value: unknown): unknown {
  const safe = jsonSafe(value);
  const text = JSON.stringify(safe);
  return text.length <= MAX_PREVIEW_CHARS ? safe : `${text.slice(0, MAX_PREVIEW_CHARS)}… (${text.length} characters)`;
}
