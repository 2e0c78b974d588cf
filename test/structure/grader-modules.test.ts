import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "@jest/globals";

// The grader never checks a concept answer or schedules a review, so it must not pay for what those need: jieba
// reads an 11 MB dictionary at import, and the stemmer and ts-fsrs are only the answer checker's and the review
// queue's. A static rule would miss a value import hidden behind a facade's re-export; this loads the grader's
// real module graph in a fresh node and records every module it resolves.
const GRADER = fileURLToPath(new URL("../../workers/grader/run.ts", import.meta.url));
const CONCEPT_ONLY_PACKAGES = ["@node-rs/jieba", "stemmer", "ts-fsrs"];

const RECORD_RESOLVED = `
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";
const resolved = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    resolved.add(result.url);
    return result;
  },
});
await import(pathToFileURL(process.argv[1]).href);
process.stdout.write(JSON.stringify([...resolved]));
`;

function modulesLoadedBy(entry: string): string[] {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", RECORD_RESOLVED, entry], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(output) as string[];
}

it("loading the grader loads neither jieba, the stemmer nor the review scheduler", () => {
  const loaded = modulesLoadedBy(GRADER);
  // The probe works: the grader's graph includes the queue library and the lifecycle it does use.
  expect(loaded.some((url) => url.includes("/node_modules/bullmq/"))).toBe(true);
  expect(loaded.some((url) => url.endsWith("/src/modules/submissions/lifecycle.ts"))).toBe(true);
  const unwanted = loaded.filter((url) => CONCEPT_ONLY_PACKAGES.some((name) => url.includes(`/node_modules/${name}/`)));
  expect(unwanted).toEqual([]);
});

it("the probe sees those packages where they are used (the progress service)", () => {
  const loaded = modulesLoadedBy(fileURLToPath(new URL("../../src/modules/progress/service.ts", import.meta.url)));
  for (const name of CONCEPT_ONLY_PACKAGES) {
    expect(loaded.some((url) => url.includes(`/node_modules/${name}/`))).toBe(true);
  }
});
