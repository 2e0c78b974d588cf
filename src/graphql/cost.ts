import {
  type ArgumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export type CostLimits = { maxDepth: number; maxCost: number; maxAliases: number };

/** What one operation asks for; `visits` counts the selections the estimator looked at (its own work). */
export type OperationMeasure = {
  depth: number;
  cost: number;
  aliases: number;
  visits: number;
  /** The first limit found to be passed; the walk stopped there, so the other figures are lower bounds. */
  exceeded: LimitKind | null;
};

export type LimitKind = "depth" | "cost" | "aliases" | "repeats" | "cycle";

/**
 * How often one response name may appear in one selection set. graphql-js compares every pair of
 * same-named fields (OverlappingFieldsCanBeMergedRule): 700 repeats of `pageInfo { hasNextPage }` took
 * 50–190 ms to validate; a client has no reason to repeat a field more than a few times.
 */
export const MAX_SAME_NAME = 10;

// Validation runs before variables are known: a page size given by a variable counts as the largest page.
const VARIABLE_LIST_SIZE = 100;
const DEFAULT_WEIGHT = 1;

/**
 * What resolving a field once costs, relative to reading a property (1): a database round trip (batched
 * per request by the loaders) 3–20, a scan of text or an aggregation over many rows 100, a password hash
 * 500. The orders of magnitude come from the attack review: 2,490 checkConceptAnswer calls took 2.0 s of
 * API CPU (~0.8 ms each, against microseconds for a property) and each leaderboard call is one aggregate
 * SQL query; signUp/logIn run scrypt. With MAX_QUERY_COST 5000 a request holds at most ~50 text scans.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  "Query.me": 5,
  "Query.questions": 20,
  "Query.question": 5,
  "Query.topics": 5,
  "Query.submission": 5,
  "Query.mySubmissions": 20,
  "Query.myProgress": 50,
  "Query.reviewQueue": 20,
  "Query.checkConceptAnswer": 100,
  "Query.leaderboard": 100,
  "Query.tracks": 5,
  "Query.track": 5,
  // One statement for every track of a request; a track lists up to 200 items, each a question to render.
  "Track.items": 20,
  "Track.itemCount": 3,
  "Track.progress": 3,
  "Question.topics": 3,
  "Question.keyPoints": 3,
  "Question.examples": 3,
  "Question.codingProblem": 3,
  "Question.revisions": 10,
  "Question.progress": 3,
  "QuestionRevision.editor": 3,
  "Topic.questionCount": 3,
  "Submission.question": 3,
  "Submission.percentile": 10,
  "ReviewCard.question": 3,
  "TopicProgress.topic": 3,
  "Mutation.signUp": 500,
  "Mutation.logIn": 500,
  "Mutation.logOut": 10,
  "Mutation.upsertQuestion": 100,
  "Mutation.setQuestionStatus": 50,
  "Mutation.submitSolution": 100,
  "Mutation.runSamples": 100,
  "Mutation.reviewQuestion": 50,
  "Mutation.setTimeZone": 10,
  "Subscription.submissionUpdated": 20,
};

type Local = { depth: number; cost: number; aliases: number };

class LimitPassed extends Error {
  readonly limit: LimitKind;
  constructor(limit: LimitKind) {
    super(limit);
    this.limit = limit;
  }
}

/** The page size a list field returns at most: its `first`/`last`/`limit` argument, else that argument's default. */
function listSize(field: GraphQLField<unknown, unknown> | undefined, args: readonly ArgumentNode[]): number {
  for (const arg of args) {
    if (arg.name.value !== "first" && arg.name.value !== "last" && arg.name.value !== "limit") continue;
    if (arg.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
    if (arg.value.kind === Kind.VARIABLE) return VARIABLE_LIST_SIZE;
  }
  const declared = field?.args.find((arg) => arg.name === "first" || arg.name === "limit");
  return typeof declared?.defaultValue === "number" ? Math.max(1, declared.defaultValue) : 1;
}

/**
 * Depth counts nested field selections; cost is each field's weight plus its page size times the cost of
 * what it selects; aliases are counted as executed (a fragment spread twice counts its aliases twice).
 * Each fragment is measured once and reused (a fragment spread 10 times at each of 8 levels is 8 walks,
 * not 10^8), and the walk stops at the first limit passed, so the work is at most one visit per selection
 * of the document whatever its shape.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  limits: CostLimits,
  /** Collects the names of the fragments the operation spreads. */
  usedFragments?: Set<string>,
): OperationMeasure {
  const measured = new Map<string, Local>();
  const inProgress = new Set<string>();
  let visits = 0;
  let aliases = 0;

  // The fragments a selection set spreads, directly or through other fragments; each fragment is read once.
  const collectSpreads = (selectionSet: SelectionSetNode, into: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      visits++;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || into.has(selection.name.value)) continue;
        into.add(selection.name.value);
        collectSpreads(fragment.selectionSet, into);
      } else if (selection.selectionSet) {
        collectSpreads(selection.selectionSet, into);
      }
    }
  };

  // pathDepth/pathMultiplier: the fields above this selection set, and the product of their page sizes.
  const walk = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType | undefined,
    pathDepth: number,
    pathMultiplier: number,
  ): Local => {
    const local: Local = { depth: 0, cost: 0, aliases: 0 };
    const responseNames = new Map<string, number>();
    const add = (inner: Local, extraDepth: number, weight: number, multiplier: number) => {
      local.depth = Math.max(local.depth, extraDepth + inner.depth);
      local.cost += weight + multiplier * inner.cost;
      local.aliases += inner.aliases;
      if (pathDepth + local.depth > limits.maxDepth) throw new LimitPassed("depth");
      if (pathMultiplier * local.cost > limits.maxCost) throw new LimitPassed("cost");
    };
    for (const selection of selectionSet.selections) {
      visits++;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const responseName = selection.alias?.value ?? name;
        const repeats = (responseNames.get(responseName) ?? 0) + 1;
        if (repeats > MAX_SAME_NAME) throw new LimitPassed("repeats");
        responseNames.set(responseName, repeats);
        if (selection.alias) {
          local.aliases++;
          if (++aliases > limits.maxAliases) throw new LimitPassed("aliases");
        }
        if (name.startsWith("__")) {
          // Introspection is priced at nothing (its size is the schema's), but the fragments it spreads are used:
          // GraphiQL's schema query spreads FullType, InputValue and TypeRef only under __schema.
          if (selection.selectionSet && usedFragments) collectSpreads(selection.selectionSet, usedFragments);
          continue;
        }
        const fieldDef =
          isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
        const weight = (parentType && FIELD_WEIGHTS[`${parentType.name}.${name}`]) ?? DEFAULT_WEIGHT;
        const multiplier = listSize(fieldDef, selection.arguments ?? []);
        const childType = fieldDef ? getNamedType(fieldDef.type) : undefined;
        const inner = selection.selectionSet
          ? walk(
              selection.selectionSet,
              isCompositeType(childType) ? childType : undefined,
              pathDepth + 1,
              pathMultiplier * multiplier,
            )
          : { depth: 0, cost: 0, aliases: 0 };
        add(inner, 1, weight, multiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        const type = isCompositeType(condition) ? condition : undefined;
        add(walk(selection.selectionSet, type, pathDepth, pathMultiplier), 0, 0, 1);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown fragments are reported by graphql-js's own rules. A cycle is refused here: graphql-js's
        // rules compare a ring's fragments pairwise (a ring of 50 took up to 43 ms to validate).
        if (!fragment) continue;
        if (inProgress.has(name)) throw new LimitPassed("cycle");
        usedFragments?.add(name);
        let inner = measured.get(name);
        if (!inner) {
          const condition = schema.getType(fragment.typeCondition.name.value);
          inProgress.add(name);
          inner = walk(
            fragment.selectionSet,
            isCompositeType(condition) ? condition : undefined,
            pathDepth,
            pathMultiplier,
          );
          inProgress.delete(name);
          measured.set(name, inner);
        } else {
          // A reused fragment's aliases execute again.
          aliases += inner.aliases;
          if (aliases > limits.maxAliases) throw new LimitPassed("aliases");
        }
        add(inner, 0, 0, 1);
      }
    }
    return local;
  };

  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  try {
    const total = walk(operation.selectionSet, root ?? undefined, 0, 1);
    return { ...total, aliases, visits, exceeded: null };
  } catch (error) {
    if (!(error instanceof LimitPassed)) throw error;
    return { depth: 0, cost: 0, aliases, visits, exceeded: error.limit };
  }
}
