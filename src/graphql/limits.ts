import {
  type ArgumentNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

export type QueryLimits = { maxDepth: number; maxCost: number };

// Validation runs once per document, before variables are known: a page size given by a variable counts as the maximum.
const VARIABLE_LIST_SIZE = 100;

type Measure = { depth: number; cost: number };

/**
 * Depth counts nested field selections; cost counts every field once, multiplied by the page size
 * (`first`/`last`/`limit`) of each list it sits under. Fragments are expanded, cycles are stopped.
 */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      const multiplier = listSize(selection.arguments ?? []);
      const inner = selection.selectionSet
        ? measure(selection.selectionSet, fragments, visiting)
        : { depth: 0, cost: 0 };
      depth = Math.max(depth, 1 + inner.depth);
      cost += 1 + multiplier * inner.cost;
    } else {
      let inner: Measure = { depth: 0, cost: 0 };
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet, fragments, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        inner = measure(fragment.selectionSet, fragments, visiting);
        visiting.delete(name);
      }
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

function listSize(args: readonly ArgumentNode[]): number {
  for (const arg of args) {
    if (arg.name.value !== "first" && arg.name.value !== "last" && arg.name.value !== "limit") continue;
    const node = arg.value;
    if (node.kind === Kind.INT) return Math.max(1, Number(node.value));
    if (node.kind === Kind.VARIABLE) return VARIABLE_LIST_SIZE;
  }
  return 1;
}

/** A validation rule refusing operations that are too deep or too costly, before anything runs. */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const { depth, cost } = measure(definition.selectionSet, fragments, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Query is too deep: depth ${depth} exceeds the limit of ${limits.maxDepth}.`, {
              extensions: { code: "BAD_USER_INPUT" },
            }),
          );
        }
        if (cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(`Query is too costly: estimated cost ${cost} exceeds the limit of ${limits.maxCost}.`, {
              extensions: { code: "BAD_USER_INPUT" },
            }),
          );
        }
      }
    },
  });
}
