import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { questionContentSchema } from "../src/modules/content/content-schema.ts";
import { checkAnswerCoverage } from "../src/modules/progress/answer-check/match.ts";

/**
 * Cost of one answer check on a 2,000-character answer (the largest concept question's key points), Chinese and
 * English: the first check (which loads jieba's dictionary) and the median / p95 of warm checks.
 */

const ANSWER_CHARS = 2_000;
const RUNS = 200;

function repeatTo(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function runAnswerCheckBench(): Promise<void> {
  const file = new URL("../seed/content/concepts/distributed-training-framework.yaml", import.meta.url);
  const question = questionContentSchema.parse(parse(readFileSync(file, "utf8")));
  const answers = {
    zh: repeatTo(question.answer.zh, ANSWER_CHARS),
    en: repeatTo(question.answer.en ?? "", ANSWER_CHARS),
  };
  const coldStart = performance.now();
  checkAnswerCoverage(question.keyPoints, answers.zh);
  const coldMs = performance.now() - coldStart;
  console.log(`first check (loads the segmenter's dictionary): ${coldMs.toFixed(1)} ms`);
  for (const [language, answer] of Object.entries(answers)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      checkAnswerCoverage(question.keyPoints, answer);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${language}: ${answer.length} characters, ${question.keyPoints.length} key points, ${RUNS} checks — ` +
        `median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms`,
    );
  }
}
