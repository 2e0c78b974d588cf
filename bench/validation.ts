import { parse } from "graphql";
import { buildSchema } from "../src/app/schema.ts";
import { loadConfig } from "../src/config.ts";
import { validateWithinLimits } from "../src/graphql/limits.ts";
import {
  fragmentBomb,
  fragmentCycle,
  longDirectiveList,
  manyAliases,
  manyFragments,
  repeatedField,
  repeatedSelection,
} from "../test/api/fixtures/hostile-documents.ts";

/**
 * Milliseconds of CPU that parsing and validating hostile documents take with the API's limits and
 * graphql-js's rules (what one HTTP or WebSocket request costs before anything runs).
 */
export async function runValidationBench(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" });
  const schema = buildSchema();
  const limits = { maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST, maxAliases: config.MAX_ALIASES };
  const cases: [string, string][] = [
    ["fragment bomb, 8 levels × 10", fragmentBomb(8)],
    ["fragment bomb, 30 levels × 10", fragmentBomb(30)],
    ["fragment cycle of 50", fragmentCycle(50)],
    ["fragment cycle of 200", fragmentCycle(200)],
    ["30 fragments spread at the root", manyFragments(30)],
    ["10 × pageInfo, 160 aliases of it", repeatedSelection(10, 160)],
    ["5,000 aliases", manyAliases(5000)],
    ["10,000 same-named fields", repeatedField(10_000)],
    ["5,000 directives on one field", longDirectiveList(5000)],
  ];
  for (const [name, query] of cases) {
    const bytes = Buffer.byteLength(JSON.stringify({ query }));
    const samples: number[] = [];
    let errors = 0;
    for (let run = 0; run < 5; run++) {
      const started = process.cpuUsage();
      try {
        errors = validateWithinLimits(schema, parse(query, { maxTokens: config.MAX_QUERY_TOKENS }), limits).length;
      } catch {
        errors = -1; // refused by the parser's token limit
      }
      const used = process.cpuUsage(started);
      samples.push((used.user + used.system) / 1000);
    }
    samples.sort((a, b) => a - b);
    const verdict = errors === -1 ? "refused at parse" : errors ? `${errors} error(s)` : "accepted";
    console.log(
      `${name.padEnd(34)} ${String(bytes).padStart(7)} B  median ${samples[2]?.toFixed(1)} ms CPU, max ${samples[4]?.toFixed(1)} ms  (${verdict})`,
    );
  }
}
