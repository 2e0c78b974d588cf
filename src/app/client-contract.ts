import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse, print, printSchema, validate } from "graphql";
import { documentHash, type OperationManifest } from "../graphql/trusted-documents.ts";

/**
 * What front-end clients build on, derived from the running schema and the README: `schema.graphql` (for
 * code generators) and the trusted-documents manifest. Both are committed; a test fails when either is stale.
 */
export const SCHEMA_FILE = "schema.graphql";

export function schemaFileText(schema: GraphQLSchema): string {
  return `${printSchema(schema)}\n`;
}

const GRAPHQL_FENCE = /```graphql\n([\s\S]*?)```/g;

/** A README example names no operation: the manifest names it after its first root field (e.g. `questions`). */
function operationName(operation: OperationDefinitionNode): string {
  if (operation.name) return operation.name.value;
  const first = operation.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : operation.operation;
}

/**
 * Every operation of every ```graphql block, printed in graphql-js' canonical form (the text a client sends),
 * each validated against the schema so a stale README example fails here rather than in a client.
 */
export function manifestFromMarkdown(markdown: string, schema: GraphQLSchema): OperationManifest {
  const operations: OperationManifest["operations"] = [];
  const seen = new Set<string>();
  for (const [, block = ""] of markdown.matchAll(GRAPHQL_FENCE)) {
    for (const definition of parse(block).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const document = { kind: Kind.DOCUMENT, definitions: [definition] } as const;
      const errors = validate(schema, document);
      if (errors.length > 0) throw new Error(`README example is invalid: ${errors[0]?.message}\n${print(definition)}`);
      const body = print(document);
      const id = documentHash(body);
      if (seen.has(id)) continue;
      seen.add(id);
      operations.push({ id, name: operationName(definition), type: definition.operation, body });
    }
  }
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

export function manifestFileText(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
