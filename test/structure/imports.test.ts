import { expect, it } from "@jest/globals";
import { importProblems, REPOSITORY_ROOT } from "./check-imports.ts";
import { findCycles, folderOf } from "./import-graph.ts";

it("the repository's imports keep every layer rule and form no file- or folder-level cycle", () => {
  expect(importProblems(REPOSITORY_ROOT)).toEqual([]);
});

it("finds a cycle through several nodes and none in a chain", () => {
  const chain = [
    { from: "a", to: "b" },
    { from: "b", to: "c" },
  ];
  expect(findCycles(chain)).toEqual([]);
  expect(findCycles([...chain, { from: "c", to: "a" }])).toEqual([["a", "b", "c", "a"]]);
  expect(findCycles([{ from: "a", to: "a" }])).toEqual([]);
});

it("groups files into the folders the layers are drawn on", () => {
  expect(folderOf("src/modules/auth/service.ts")).toBe("src/modules/auth");
  expect(folderOf("src/kernels/matmul.ts")).toBe("src/kernels");
  expect(folderOf("workers/grader/run.ts")).toBe("workers/grader");
  expect(folderOf("src/db.ts")).toBe("src");
});
