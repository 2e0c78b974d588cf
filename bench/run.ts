/** `npm run bench -- <name…>`: runs the named benchmarks (the keys of `benches`) or all of them. */
const benches: Record<string, () => Promise<void>> = {
  api: async () => (await import("./api.ts")).runApiBench(),
  kernels: async () => (await import("./kernels.ts")).runKernelsBench(),
  grading: async () => (await import("./grading.ts")).runGradingBench(),
  python: async () => (await import("./python-runtime.ts")).runPythonBench(),
  scale: async () => (await import("./scale.ts")).runScaleBench(),
  progress: async () => (await import("./progress.ts")).runProgressBench(),
  "wrong-solutions": async () => (await import("./wrong-solutions.ts")).runWrongSolutionsBench(),
  "answer-check": async () => (await import("./answer-check.ts")).runAnswerCheckBench(),
  validation: async () => (await import("./validation.ts")).runValidationBench(),
  tracing: async () => (await import("./tracing.ts")).runTracingBench(),
};

const requested = process.argv.slice(2);
const names = requested.length === 0 || requested.includes("all") ? Object.keys(benches) : requested;
const unknown = names.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Choose from: ${Object.keys(benches).join(", ")}, all.`);
  process.exit(2);
}
for (const name of names) {
  console.log(`\n=== ${name} ===`);
  await benches[name]?.();
}
process.exit(0);
