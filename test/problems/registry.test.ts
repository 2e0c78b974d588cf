import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { FORBIDDEN_NAMES_FILE, renderForbiddenNames } from "../../scripts/forbidden-names.ts";
import { INDEX_FILE, PROBLEMS_DIR, problemFolders, renderIndex } from "../../scripts/problems-index.ts";
import { problems } from "../../src/problems/registry.ts";

// A coding problem is a folder of src/problems: its name is the question's slug, the kernel's id and the
// registry's key. The registry's list (all.ts) is generated from the folders.
describe("the problem registry", () => {
  it("lists exactly the problem folders (run `node scripts/problems-index.ts` after adding one)", () => {
    expect(readFileSync(INDEX_FILE, "utf8")).toBe(renderIndex(problemFolders()));
    expect([...problems.keys()].sort()).toEqual(problemFolders());
  });

  it("documents every Python form's forbidden names as the forms say (run `node scripts/forbidden-names.ts`)", () => {
    const documented = readFileSync(FORBIDDEN_NAMES_FILE, "utf8");
    expect(documented).toBe(renderForbiddenNames());
    for (const problem of problems.values()) {
      const row = documented.split("\n").find((line) => line.startsWith(`| \`${problem.id}\` |`));
      for (const name of problem.python.forbiddenNames) expect(row).toContain(`\`${name}\``);
    }
  });

  it.each(problemFolders())("%s: one id for the folder, the slug, the kernel and the Python form", (folder) => {
    const problem = problems.get(folder);
    expect(problem?.id).toBe(folder);
    expect(problem?.kernel.id).toBe(folder);
    expect(problem?.python.kernelId).toBe(folder);
    const statement = parse(readFileSync(join(PROBLEMS_DIR, folder, "problem.yaml"), "utf8")) as {
      slug?: unknown;
      kind?: unknown;
      coding?: { kernelId?: unknown };
    };
    expect(statement.slug).toBe(folder);
    expect(statement.kind).toBe("CODING");
    // The folder names the kernel: the statement does not repeat it.
    expect(statement.coding?.kernelId).toBeUndefined();
  });
});
