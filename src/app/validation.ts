import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";
import type { Config } from "../config.ts";
import type { QueryLimits } from "../graphql/limits.ts";

/**
 * The size limits every GraphQL operation is held to, over HTTP and WebSocket alike (checked before
 * graphql-js's own rules, see src/graphql/limits.ts).
 */
export function apiQueryLimits(config: Config): QueryLimits {
  return { maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST, maxAliases: config.MAX_ALIASES };
}

/**
 * The validation rules every GraphQL operation passes on top of graphql-js's specified rules, over HTTP and
 * WebSocket alike: no introspection when it is off (production by default).
 */
export function apiValidationRules(config: Config): ValidationRule[] {
  return config.introspection ? [] : [NoSchemaIntrospectionCustomRule];
}
