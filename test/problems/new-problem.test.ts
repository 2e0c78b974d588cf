// `npm run new-problem` scaffolds a folder that fails its gates until it is written: no placeholder passes.
// The scaffold is made in a scratch copy of the layout (src/problems/<slug> beside a link to src/kernels), so
// the registry and all.ts of the repository are never touched, and checked by the real check-problem command.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { spawnNode } from "../helpers/child-processes.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let scratch: string;
let problemsDir: string;

async function runScript(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawnNode(["--no-node-snapshot", join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, output };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "new-problem-"));
  problemsDir = join(scratch, "src", "problems");
  mkdirSync(problemsDir, { recursive: true });
  symlinkSync(join(ROOT, "src", "kernels"), join(scratch, "src", "kernels"));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("npm run new-problem", () => {
  it("scaffolds every file of a problem folder, and refuses a bad slug or an existing folder", async () => {
    const created = await runScript("new-problem.ts", ["--problems-dir", problemsDir, "batch-norm"]);
    expect(created).toMatchObject({ code: 0, output: expect.stringContaining("check-problem -- batch-norm") });
    expect(readdirSync(join(problemsDir, "batch-norm")).sort()).toEqual(
      ["check.py", "index.ts", "kernel.ts", "problem.yaml", "python.ts", "wrong.ts"].sort(),
    );
    expect(await runScript("new-problem.ts", ["--problems-dir", problemsDir, "batch-norm"])).toMatchObject({
      code: 1,
      output: expect.stringContaining("already exists"),
    });
    expect(await runScript("new-problem.ts", ["--problems-dir", problemsDir, "Batch_Norm"])).toMatchObject({
      code: 2,
      output: expect.stringContaining("is not a slug"),
    });
    expect(existsSync(join(problemsDir, "Batch_Norm"))).toBe(false);
  });

  it("fails check-problem until it is filled in, saying what is missing", async () => {
    const checked = await runScript("check-problem.ts", [
      "--problems-dir",
      problemsDir,
      "--only",
      "statement,wrong,check,performance",
      "batch-norm",
    ]);
    expect(checked.code).toBe(1);
    const failing = checked.output
      .split("\n")
      .filter((line) => /\sFAIL\s/.test(line))
      .map((line) => line.split(/\s{2,}/)[0]);
    expect(failing).toEqual(
      expect.arrayContaining([
        "filled in",
        "folder",
        "hints",
        "editorial",
        "wrong solutions ≥ 5",
        "pinned tests",
        "check.py agrees",
      ]),
    );
    expect(checked.output).toMatch(/TODO\(new-problem\): write the reference kernel of batch-norm/);
  }, 60_000);
});
