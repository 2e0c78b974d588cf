import type { DestinationStream } from "pino";

const LEVEL_NAMES: Record<number, string> = { 40: "warn", 50: "error", 60: "fatal" };

/** Counts the warnings and errors that the drill's processes log, by role, message and error, to print at the end. */
export class LogTally {
  readonly #counts = new Map<string, number>();

  /** Records one parsed pino line (lower levels than warn are ignored). */
  record(entry: Record<string, unknown>): void {
    const level = typeof entry.level === "number" ? entry.level : 0;
    if (level < 40) return;
    const err = entry.err as { message?: unknown } | undefined;
    const reason = typeof err?.message === "string" ? ` (${err.message.replace(/\s+/g, " ").slice(0, 90)})` : "";
    const key = `${String(entry.role ?? "?")} ${LEVEL_NAMES[level] ?? level}: ${String(entry.msg)}${reason}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** A pino destination that records every line written to it (the in-process API's logger). */
  destination(): DestinationStream {
    return {
      write: (text: string) => {
        for (const line of text.split("\n")) {
          const entry = parseLogLine(line);
          if (entry) this.record(entry);
        }
      },
    };
  }

  /** `count × what`, most frequent first. */
  lines(): string[] {
    return [...this.#counts].sort((a, b) => b[1] - a[1]).map(([key, count]) => `${count} × ${key}`);
  }
}

export function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
