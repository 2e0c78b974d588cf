import type { RequestHandler } from "express";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { LRUCache } from "lru-cache";
import { type CostLimits, type LimitKind, MAX_SAME_NAME, measureOperation } from "./cost.ts";

export type QueryLimits = CostLimits;

/**
 * Fragment definitions one document may hold. graphql-js compares fragments pairwise: 300 fragments took
 * 60–170 ms to validate, 50 took 9–45 ms and 30 take 8–19 ms (both cores busy); hand-written and
 * generated clients use far fewer.
 */
export const MAX_FRAGMENTS = 30;

const ACCEPTED_QUERIES_CHARS = 4 * 1024 * 1024;

type Refusal = LimitKind | "fragments" | "unused";

const MESSAGES: Record<Refusal, (limits: QueryLimits) => string> = {
  depth: (limits) => `Query is too deep: its depth exceeds the limit of ${limits.maxDepth}.`,
  cost: (limits) => `Query is too costly: its estimated cost exceeds the limit of ${limits.maxCost}.`,
  aliases: (limits) => `Query has too many aliases: more than ${limits.maxAliases} aliased fields would run.`,
  repeats: () => `Query repeats a field: one selection may name a field at most ${MAX_SAME_NAME} times.`,
  fragments: () => `Query has too many fragments: at most ${MAX_FRAGMENTS} are allowed.`,
  cycle: () => "Query's fragments spread each other in a cycle.",
  unused: () => "Query defines a fragment that no operation uses.",
};

function refusal(kind: Refusal, limits: QueryLimits): GraphQLError {
  return new GraphQLError(MESSAGES[kind](limits), { extensions: { code: "BAD_USER_INPUT" } });
}

/**
 * The document's size limits, checked before graphql-js's own rules (several of which are quadratic in
 * fields or fragments): its work is one visit per selection, whatever the document's shape.
 */
export function queryLimitErrors(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  if (fragments.size > MAX_FRAGMENTS) return [refusal("fragments", limits)];
  const used = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { exceeded } = measureOperation(schema, definition, fragments, limits, used);
    if (exceeded) return [refusal(exceeded, limits)];
  }
  // graphql-js refuses unused fragments too, but only after its rules have compared them with the rest.
  return used.size < fragments.size ? [refusal("unused", limits)] : [];
}

/** The limits first, graphql-js's rules only on a document within them (benchmarks and tests validate so). */
export function validateWithinLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
): readonly GraphQLError[] {
  const refused = queryLimitErrors(schema, document, limits);
  return refused.length > 0 ? refused : validate(schema, document, specifiedRules);
}

/**
 * For HTTP, in front of Apollo Server (which runs extra rules after graphql-js's own, in the same pass, and
 * answers 500 to an exception from a plugin): parses the query itself with the token limit and refuses a
 * document over the limits with 400 and BAD_USER_INPUT. Anything else, malformed queries included, goes
 * on to Apollo. Parsing and measuring the benchmark's list query takes 60–120 µs (both cores busy), so
 * documents found within the limits are remembered (by text, up to 4 MiB of them) and then pass in under 1 µs.
 */
export function queryLimitsMiddleware(schema: GraphQLSchema, limits: QueryLimits, maxTokens: number): RequestHandler {
  const accepted = new LRUCache<string, true>({
    maxSize: ACCEPTED_QUERIES_CHARS,
    sizeCalculation: (_value, query) => Math.max(1, query.length),
  });
  return (req, res, next) => {
    const body: unknown = req.body;
    const query =
      body && typeof body === "object" && "query" in body ? body.query : req.method === "GET" ? req.query.query : null;
    if (typeof query !== "string" || accepted.has(query)) return next();
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens });
    } catch {
      return next();
    }
    const [refused] = queryLimitErrors(schema, document, limits);
    if (!refused) {
      accepted.set(query, true);
      return next();
    }
    res.status(400).json({ errors: [{ message: refused.message, extensions: { code: "BAD_USER_INPUT" } }] });
  };
}
