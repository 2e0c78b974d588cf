import type { Config } from "jest";

const config: Config = {
  testEnvironment: "<rootDir>/test/environment.ts",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2024" },
        module: { type: "es6" },
      },
    ],
  },
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  testTimeout: 30_000,
  maxWorkers: 2,
  // A worker that has run half the suite holds 1.3 GB of heap (3.5 GB resident): Node keeps test modules alive
  // (a heap snapshot's path: global handles → its ESM loader's moduleRegistries WeakMap → the test's
  // SourceTextModule → its context), about 20 MB per file that starts the API. Freeing that at exit took
  // longer than the 500 ms jest waits for a worker it has told to end ("A worker process has failed to exit
  // gracefully": 530 ms measured from jest's side, 1 ms of it to the worker's own 'exit' event; tearing down
  // a bare 1.7 GB heap takes 265 ms here). Recycling a worker between files once its heap passes this limit
  // keeps every worker small: six full runs since (one at 640 MB, five at this limit), no warning; the last
  // workers gone 85–209 ms after jest's request; the suite's time unchanged (237–297 s on a quiet machine).
  workerIdleMemoryLimit: "512MB",
};

export default config;
