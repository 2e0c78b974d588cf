import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";
import type { Config } from "../config.ts";
import { queryLimitsRule } from "../graphql/limits.ts";

/**
 * The validation rules every GraphQL operation passes, over HTTP and WebSocket alike, on top of
 * graphql-js's specified rules: the depth and cost limits, and no introspection when it is off
 * (production by default).
 */
export function apiValidationRules(config: Config): ValidationRule[] {
  const limits = queryLimitsRule({ maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST });
  return config.introspection ? [limits] : [limits, NoSchemaIntrospectionCustomRule];
}
