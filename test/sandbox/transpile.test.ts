import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "@jest/globals";
import { holdTranspiler, transpile } from "../../workers/runtimes/isolate/transpile.ts";

const releaseTranspiler = holdTranspiler();
afterAll(releaseTranspiler);

/** This process's children that are esbuild service processes (Linux: /proc lists each thread's children). */
function esbuildServices(): string[] {
  const children = readdirSync("/proc/self/task").flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, "utf8").split(" ").filter(Boolean),
  );
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--service=");
    } catch {
      return false; // exited since the list was read
    }
  });
}

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

  // Only services this file starts count: a jest worker may still run services that other files left.
  async function newServicesLeft(before: Set<string>): Promise<string[]> {
    const started = () => esbuildServices().filter((pid) => !before.has(pid));
    // A stopped service is sent SIGTERM; it is gone once it has exited and been reaped.
    for (let wait = 0; wait < 500 && started().length > 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return started();
  }

  it("ends esbuild's service process when its last holder releases it", async () => {
    await releaseTranspiler();
    const before = new Set(esbuildServices());
    const release = holdTranspiler();
    await transpile("const x = 1;", "JAVASCRIPT");
    expect(esbuildServices().filter((pid) => !before.has(pid))).toHaveLength(1);
    await release();
    expect(await newServicesLeft(before)).toEqual([]);
  });

  it("ends esbuild's service process with the call when nobody holds the transpiler", async () => {
    const before = new Set(esbuildServices());
    expect((await transpile("const x = 1;", "JAVASCRIPT")).ok).toBe(true);
    expect(await newServicesLeft(before)).toEqual([]);
  });
});
