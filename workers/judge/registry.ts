// The runtimes a grader runs, by language: the only place that knows which languages exist at run time.
import type { Language, Runtime } from "../runtimes/runtime.ts";

export type RuntimeRegistry = {
  /** The runtime that prepares `language`, or undefined when this grader has none. */
  forLanguage(language: Language): Runtime | undefined;
  /** Each runtime once (for start-up logs). */
  runtimes(): readonly Runtime[];
  /** Closes every runtime (in flight programs finish first). */
  close(): Promise<void>;
};

/** Throws when two runtimes claim the same language: which one grades it must never depend on order. */
export function createRuntimeRegistry(runtimes: readonly Runtime[]): RuntimeRegistry {
  const byLanguage = new Map<Language, Runtime>();
  for (const runtime of runtimes) {
    for (const language of runtime.languages) {
      if (byLanguage.has(language)) throw new Error(`two runtimes serve ${language}`);
      byLanguage.set(language, runtime);
    }
  }
  return {
    forLanguage: (language) => byLanguage.get(language),
    runtimes: () => runtimes,
    close: async () => {
      await Promise.all(runtimes.map((runtime) => runtime.close()));
    },
  };
}
