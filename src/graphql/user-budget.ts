import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, getOperationAST, Kind } from "graphql";
import type { Config } from "../config.ts";
import type { Locale } from "../lib/locale.ts";
import { enforceBudget } from "../lib/rate-limit.ts";
import type { BaseServices } from "./context.ts";
import { type CostLimits, measureOperation } from "./cost.ts";
import { requestError } from "./errors.ts";

export type UserBudgetDeps = Pick<BaseServices, "redis" | "log"> & {
  config: Pick<Config, "REDIS_PREFIX" | "USER_COST_BUDGET_PER_MINUTE">;
};

// Apollo's document cache hands back the same DocumentNode for a repeated query text: each is measured once.
const measured = new WeakMap<DocumentNode, Map<string, number>>();

/** The estimated cost (cost.ts, the estimator MAX_QUERY_COST holds requests to) of the operation a request runs. */
export function requestCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  limits: CostLimits,
): number {
  let byName = measured.get(document);
  if (!byName) {
    byName = new Map();
    measured.set(document, byName);
  }
  const key = operationName ?? "";
  const known = byName.get(key);
  if (known !== undefined) return known;
  const operation = getOperationAST(document, operationName);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A document over the limits never gets here (the limits refuse it first); count it as the most it may cost.
  const measure = operation ? measureOperation(schema, operation, fragments, limits) : null;
  const cost = measure && !measure.exceeded ? Math.max(1, measure.cost) : limits.maxCost;
  byName.set(key, cost);
  return cost;
}

/**
 * Signed-in clients spend a budget of USER_COST_BUDGET_PER_MINUTE estimated cost units per minute (refilled
 * continuously, a minute's worth at once at most), each request its operation's cost: 4 signed-in clients
 * looping on expensive queries used to saturate the API. Anonymous clients have their per-IP request limit
 * instead. Fails open when Redis is down.
 */
export async function chargeUserRequest(deps: UserBudgetDeps, userId: string, cost: number): Promise<void> {
  const capacity = deps.config.USER_COST_BUDGET_PER_MINUTE;
  await enforceBudget(deps, `${deps.config.REDIS_PREFIX}:ratelimit:cost:${userId}`, {
    capacity,
    periodSeconds: 60,
    weight: cost,
    message: (seconds) => ({
      zh: `请求额度已用完：每位用户每分钟 ${capacity} 个成本单位（本次请求的成本为 ${cost}）；${seconds} 秒后可以再次请求。`,
      en: `Request budget used up: ${capacity} cost units per minute per user (this request costs ${cost}); the next is allowed in ${seconds} s.`,
    }),
  });
}

type BudgetContext = UserBudgetDeps & { user: { id: string } | null; locale: Locale };

/** HTTP: charges each signed-in request once its operation is known, before it runs (429 + Retry-After beyond). */
export function userBudgetPlugin<TContext extends BudgetContext>(
  schema: GraphQLSchema,
  limits: CostLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName }) {
          if (!contextValue.user) return;
          const cost = requestCost(schema, document, operationName, limits);
          await chargeUserRequest(contextValue, contextValue.user.id, cost).catch((error: unknown) => {
            throw requestError(error, contextValue.locale);
          });
        },
      };
    },
  };
}
