import { describe, expect, it } from "@jest/globals";
import { transpile } from "../../workers/runtimes/isolate/transpile.ts";

describe("transpile", () => {
  it("strips TypeScript types and keeps a top-level function", async () => {
    const result = await transpile("function f(x: number): number { return x * 2 }", "TYPESCRIPT");
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.script).toContain("function f(x)");
      expect(result.script).not.toContain(": number");
    }
  });

  it("turns `export` into module.exports with a prelude that defines module", async () => {
    const result = await transpile("export function f(x: number) { return x }\nexport default f;", "TYPESCRIPT");
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.script).not.toMatch(/^\s*export /m);
      expect(result.script.startsWith("var module = { exports: {} }")).toBe(true);
    }
  });

  it("reports a syntax error with its 1-based line and column", async () => {
    const result = await transpile("function f() {\n  return 1 +;\n}", "TYPESCRIPT");
    expect(result).toMatchObject({ ok: false, error: { line: 2, column: 13 } });
    if (!result.ok) expect(result.error.message).toMatch(/Unexpected/);
  });

  it("parses JavaScript as JavaScript: a type annotation is a syntax error", async () => {
    const result = await transpile("function f(x: number) { return x }", "JAVASCRIPT");
    expect(result).toMatchObject({ ok: false, error: { line: 1 } });
  });

  it("rejects an unknown language and refuses enormous sources without parsing them", async () => {
    await expect(transpile("1", "PYTHON" as "JAVASCRIPT")).rejects.toThrow(/unsupported language/);
    const result = await transpile("x".repeat(2 * 1024 * 1024), "JAVASCRIPT");
    expect(result).toMatchObject({ ok: false, error: { line: null, column: null } });
  });
});
