// A coding problem read in each language through GraphQL: the body, constraints, samples and editorial approach
// resolved for `language` carry that language's part of problem.yaml (matmul: flat Float64Array buffers for
// TypeScript, 2-D numpy arrays for Python); without the argument a problem reads as before, in TypeScript.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CONTENT_DIR, loadQuestionFile, loadTopics, PROBLEMS_DIR } from "../../seed/load-content.ts";
import { saveQuestion } from "../../src/modules/content/service.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createTopic } from "../helpers/fixtures.ts";

const READ = /* GraphQL */ `
  query Read($slug: String!) {
    question(slug: $slug) {
      body(locale: EN)
      typescript: body(locale: EN, language: TYPESCRIPT)
      javascript: body(locale: EN, language: JAVASCRIPT)
      python: body(locale: EN, language: PYTHON)
      pythonZh: body(language: PYTHON, locale: ZH)
      constraints(locale: EN)
      pythonConstraints: constraints(locale: EN, language: PYTHON)
      codingProblem {
        samples { expected }
        pythonSamples: samples(language: PYTHON) { expected }
      }
    }
  }
`;
const GIVE_UP = /* GraphQL */ `
  mutation GiveUp($slug: String!) { giveUp(slug: $slug) { unlocked } }
`;
const EDITORIAL = /* GraphQL */ `
  query Editorial($slug: String!) {
    question(slug: $slug) {
      editorial {
        approach(locale: EN)
        python: approach(locale: EN, language: PYTHON)
      }
    }
  }
`;

type Read = {
  body: string;
  typescript: string;
  javascript: string;
  python: string;
  pythonZh: string;
  constraints: string[];
  pythonConstraints: string[];
  codingProblem: { samples: { expected: unknown }[]; pythonSamples: { expected: unknown }[] };
};

let t: TestApi;
let slug: string;

beforeAll(async () => {
  t = await startTestApi();
  const topics = await loadTopics(CONTENT_DIR);
  if (!topics.ok) throw new Error(topics.reason);
  const file = await loadQuestionFile(
    join(PROBLEMS_DIR, "matmul", "problem.yaml"),
    new Set(topics.topics.map((topic) => topic.slug)),
  );
  if (!file.ok) throw new Error(file.reason);
  // The shipped statement under a slug of this test's own; links to other questions are not part of this test.
  const { content } = file.prepared;
  slug = `matmul-${uniqueSuffix()}`;
  const topic = await createTopic(t.db, "statement-languages");
  await saveQuestion(t.db, {
    ...content,
    slug,
    topics: [topic.slug],
    related: undefined,
    coding: { ...content.coding, kernelId: "matmul" },
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("a coding problem in the learner's language", () => {
  it("resolves the body, constraints and samples for the language asked for", async () => {
    const result = await t.gql<{ question: Read }>(READ, { slug });
    expect(result.errors).toBeUndefined();
    const q = result.data?.question;
    if (!q) throw new Error("no question");
    expect(q.typescript).toBe(q.body);
    expect(q.javascript).toBe(q.typescript);
    expect(q.typescript).toMatch(/Float64Array/);
    expect(q.typescript).toMatch(/matmul\(a, b, 2, 3, 2\)/);
    expect(q.typescript).not.toMatch(/np\.ndarray|\{\{language\}\}/);
    expect(q.python).toMatch(/np\.ndarray/);
    expect(q.python).toMatch(/matmul\(a, b\) →/);
    expect(q.python).not.toMatch(/Float64Array|\{\{language\}\}|\[i \* k \+ p\]/);
    expect(q.pythonZh).toMatch(/实现 `matmul\(a, b\)`/);
    expect(q.constraints.join("\n")).toMatch(/a\.length = n·k/);
    expect(q.pythonConstraints.join("\n")).toMatch(/shape \(n, k\)/);
    expect(q.pythonConstraints.join("\n")).not.toMatch(/\.length/);
    // The first sample's product: a flat row-major buffer for TypeScript, a 2×2 array for Python.
    expect(q.codingProblem.samples[0].expected).toEqual([58, 64, 139, 154]);
    expect(q.codingProblem.pythonSamples[0].expected).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it("gives the editorial's approach with that language's solution notes", async () => {
    const learner = await signUpUser(t);
    expect((await t.gql(GIVE_UP, { slug }, learner.token)).errors).toBeUndefined();
    const result = await t.gql<{ question: { editorial: { approach: string; python: string } } }>(
      EDITORIAL,
      { slug },
      learner.token,
    );
    expect(result.errors).toBeUndefined();
    const editorial = result.data?.question.editorial;
    expect(editorial?.approach).toMatch(/TypeScript: pack b transposed/);
    expect(editorial?.approach).not.toMatch(/Python:/);
    expect(editorial?.python).toMatch(/Python: do not write three Python loops/);
    expect(editorial?.python).not.toMatch(/TypeScript:|\[i·k \+ p\]/);
  });
});
