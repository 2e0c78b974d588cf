// One TypeScript submission of the process-per-submission peer, in a fresh `node`: reads (v8-serialised)
// the transpiled script, the function's name and each test's arguments from stdin, runs each test once and
// writes the results (v8-serialised: typed arrays and NaN arrive as they are). No sandbox, no warm process.
import { deserialize, serialize } from "node:v8";
import { runInThisContext } from "node:vm";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { script, functionName, tests } = deserialize(Buffer.concat(chunks));
const results = [];
try {
  runInThisContext(script);
  const solution = globalThis[functionName];
  if (typeof solution !== "function") throw new Error(`${functionName} is not defined`);
  for (const args of tests) {
    const started = performance.now();
    try {
      const value = solution(...args);
      results.push({ ok: true, value, ms: performance.now() - started });
    } catch (error) {
      results.push({ ok: false, message: String(error), ms: performance.now() - started });
      break;
    }
  }
} catch (error) {
  results.push({ ok: false, message: String(error), ms: 0 });
}
process.stdout.write(serialize(results));
