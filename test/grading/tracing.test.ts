// One submission, one trace: the API and a grader in this process, tracing into an in-memory exporter; a
// submission's spans, from the GraphQL request to the verdict's write and event, share one trace id and form
// one tree through the queue (the job carries the enqueue span's W3C trace context). The problem is matmul: it has
// a performance test, so an accepted solution's grading times the reference too.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { SPAN, startTracing, type Tracing } from "../../src/lib/tracing.ts";
import { getKernel, pythonFormOf } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT, startTestGrader, waitForVerdict } from "../helpers/grading.ts";

const exporter = new InMemorySpanExporter();
let tracing: Tracing | null;
let t: TestApi;
let grader: RunningGrader;
let slug: string;

beforeAll(async () => {
  tracing = await startTracing("api", { exporter });
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  grader = await startTestGrader(t);
  slug = await createCodingQuestion(t.db, "matmul");
}, 60_000);

afterAll(async () => {
  await grader?.close();
  await t?.close();
  await tracing?.shutdown();
});

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** Every span of the trace that submitting `code` in `language` produced, once its grading span has ended. */
async function traceOfSubmission(code: string, language: "TYPESCRIPT" | "PYTHON") {
  const learner = await signUpUser(t);
  const submitted = await t.gql<{ submitSolution: { id: string } }>(
    SUBMIT,
    { input: { slug, language, code } },
    learner.token,
  );
  expect(submitted.errors).toBeUndefined();
  const id = submitted.data?.submitSolution.id ?? "";
  const verdict = await waitForVerdict(t, id, learner.token, 60_000);
  // The grading span ends just after the verdict is visible; wait for it (bounded by the test's timeout).
  const gradeSpan = () =>
    exporter
      .getFinishedSpans()
      .find((span) => span.name === SPAN.gradeJob && span.attributes["messaging.message.id"] === id);
  while (!gradeSpan()) await new Promise((resolve) => setTimeout(resolve, 20));
  const traceId = gradeSpan()?.spanContext().traceId;
  const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  return { id, verdict, traceId, spans };
}

/** Asserts `spans` form one tree (one root, every other span's parent among them); returns the root. */
function rootOfTree(spans: ReadableSpan[]): ReadableSpan {
  const ids = new Set(spans.map(idOf));
  expect(ids.size).toBe(spans.length);
  const roots = spans.filter((span) => parentOf(span) === undefined);
  expect(roots.map((span) => span.name)).toHaveLength(1);
  for (const span of spans) if (span !== roots[0]) expect(ids.has(parentOf(span) ?? "")).toBe(true);
  return roots[0] as ReadableSpan;
}

/** The names from `span` up to the root. */
function pathToRoot(spans: ReadableSpan[], span: ReadableSpan): string[] {
  const byId = new Map(spans.map((each) => [idOf(each), each]));
  const names: string[] = [];
  for (let at: ReadableSpan | undefined = span; at; at = byId.get(parentOf(at) ?? "")) names.push(at.name);
  return names;
}

const only = (spans: ReadableSpan[], name: string, where: (span: ReadableSpan) => boolean = () => true) => {
  const matching = spans.filter((span) => span.name === name && where(span));
  // A failure names the trace's spans with their parents: "[]" alone says nothing of where the span went.
  if (matching.length !== 1) {
    const byId = new Map(spans.map((span) => [idOf(span), span.name]));
    const tree = spans.map((span) => `${span.name} <- ${byId.get(parentOf(span) ?? "") ?? "(root)"}`);
    throw new Error(`expected one "${name}" span, found ${matching.length}; the trace:\n${tree.join("\n")}`);
  }
  return matching[0] as ReadableSpan;
};

describe("tracing a submission", () => {
  it("gives a TypeScript submission one connected trace from the GraphQL request to the verdict event", async () => {
    const code = getKernel("matmul")?.solutionCode ?? "";
    const { id, verdict, spans } = await traceOfSubmission(code, "TYPESCRIPT");
    expect(verdict.verdict).toBe("ACCEPTED");

    const root = rootOfTree(spans);
    expect(root.name).toBe("mutation Submit");
    expect(root.kind).toBe(SpanKind.SERVER);
    expect(root.attributes).toMatchObject({ "graphql.operation.type": "mutation", "graphql.operation.name": "Submit" });

    // Every span that names this submission is in this trace, and no span of this trace names another.
    const aboutSubmission = exporter
      .getFinishedSpans()
      .filter((span) => span.attributes["dojo.submission.id"] === id || span.attributes["messaging.message.id"] === id);
    expect(new Set(aboutSubmission.map((span) => span.spanContext().traceId))).toEqual(
      new Set([root.spanContext().traceId]),
    );

    const enqueue = only(spans, SPAN.enqueue);
    expect(enqueue.kind).toBe(SpanKind.PRODUCER);
    expect(pathToRoot(spans, enqueue)).toEqual([SPAN.enqueue, SPAN.graphqlExecute, "mutation Submit"]);
    // The document's first run is interpreted; graphql-jit compiles it on its second (compiled-executor.ts).
    expect(only(spans, SPAN.graphqlExecute).attributes["graphql.jit.compiled"]).toBe(false);
    const grade = only(spans, SPAN.gradeJob);
    expect(grade.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(grade)).toBe(idOf(enqueue));

    const underGrade = [SPAN.gradeJob, SPAN.enqueue, SPAN.graphqlExecute, "mutation Submit"];
    expect(pathToRoot(spans, only(spans, SPAN.claim))).toEqual([SPAN.claim, ...underGrade]);
    expect(pathToRoot(spans, only(spans, SPAN.typeCheck))).toEqual([SPAN.typeCheck, SPAN.judge, ...underGrade]);
    const runTests = only(spans, SPAN.runTests);
    expect(runTests.attributes["dojo.language"]).toBe("TYPESCRIPT");
    expect(pathToRoot(spans, runTests)).toEqual([SPAN.runTests, SPAN.judge, ...underGrade]);
    expect(pathToRoot(spans, only(spans, SPAN.referenceTiming))).toEqual([
      SPAN.referenceTiming,
      SPAN.judge,
      ...underGrade,
    ]);
    expect(pathToRoot(spans, only(spans, SPAN.writeResult))).toEqual([SPAN.writeResult, ...underGrade]);
    const finished = only(spans, SPAN.publishEvent, (span) => span.attributes["dojo.submission.status"] === "FINISHED");
    expect(pathToRoot(spans, finished)).toEqual([SPAN.publishEvent, ...underGrade]);
    const running = only(spans, SPAN.publishEvent, (span) => span.attributes["dojo.submission.status"] === "RUNNING");
    expect(pathToRoot(spans, running)).toEqual([SPAN.publishEvent, SPAN.claim, ...underGrade]);
    // Parse and validate are the request's children on a document's first request (Apollo caches both after).
    for (const phase of [SPAN.graphqlParse, SPAN.graphqlValidate]) {
      expect(pathToRoot(spans, only(spans, phase))).toEqual([phase, "mutation Submit"]);
    }
  }, 90_000);

  it("traces a Python submission's run through its own runtime, in a trace of its own", async () => {
    const code = pythonFormOf("matmul")?.solutionCode ?? "";
    const { verdict, traceId, spans } = await traceOfSubmission(code, "PYTHON");
    expect(verdict.verdict).toBe("ACCEPTED");
    const root = rootOfTree(spans);
    expect(root.name).toBe("mutation Submit");
    const runTests = only(spans, SPAN.runTests);
    expect(runTests.attributes["dojo.language"]).toBe("PYTHON");
    expect(pathToRoot(spans, runTests)).toEqual([
      SPAN.runTests,
      SPAN.judge,
      SPAN.gradeJob,
      SPAN.enqueue,
      SPAN.graphqlExecute,
      "mutation Submit",
    ]);
    // Python has no type check; the second request of the same document skips Apollo's parse and validate, and
    // runs graphql-jit's compiled plan.
    expect(spans.map((span) => span.name)).not.toContain(SPAN.typeCheck);
    expect(spans.map((span) => span.name)).not.toContain(SPAN.graphqlValidate);
    expect(only(spans, SPAN.graphqlExecute).attributes["graphql.jit.compiled"]).toBe(true);
    expect(spans.map((span) => span.spanContext().traceId)).toEqual(spans.map(() => traceId));
    expect(spans.map((span) => span.name)).toContain(SPAN.writeResult);
  }, 90_000);
});
