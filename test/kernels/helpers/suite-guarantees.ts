import { createHash } from "node:crypto";
import { transformSync } from "esbuild";
import type { TestCase } from "../../../src/kernels/types.ts";

/** Turns learner-form TypeScript into the named function, the way the sandbox sees it (no imports). */
export function compileLearnerCode(code: string, functionName: string): (...args: unknown[]) => unknown {
  const js = transformSync(code, { loader: "ts" }).code;
  return new Function(`"use strict";\n${js}\nreturn ${functionName};`)() as (...args: unknown[]) => unknown;
}

/** The seed whose tests a problem's pinnedTestHash pins (with the tests' hidden-test secret). */
export const PINNED_TEST_SEED = 20261129;

/** SHA-256 of the tests as JSON, typed arrays written as plain arrays. */
export function hashTests(tests: readonly TestCase[]): string {
  const json = JSON.stringify(tests, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
  );
  return createHash("sha256").update(json).digest("hex");
}

/** A deep copy of `value` with its first number moved well outside any tolerance; undefined if it holds no number. */
export function perturbFirstNumber(value: unknown): unknown {
  let done = false;
  const walk = (node: unknown): unknown => {
    if (done) return node;
    if (typeof node === "number") {
      done = true;
      return node + 0.5 * (1 + Math.abs(node));
    }
    if (Array.isArray(node) || ArrayBuffer.isView(node)) return Array.from(node as ArrayLike<unknown>, walk);
    if (typeof node === "object" && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  const result = walk(value);
  return done ? result : undefined;
}
