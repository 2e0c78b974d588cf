import { readdirSync, readFileSync } from "node:fs";
import { type GraphQLSchema, Kind, parse, print, printSchema, validate } from "graphql";
import { documentHash, type OperationManifest } from "../graphql/trusted-documents.ts";

/**
 * What front-end clients build on, derived from the running schema and operations/*.graphql: `schema.graphql` (for
 * code generators) and the trusted-documents manifest. Both are committed; a test fails when either is stale.
 */
export const SCHEMA_FILE = "schema.graphql";

export function schemaFileText(schema: GraphQLSchema): string {
  return `${printSchema(schema)}\n`;
}

/** The example operations clients build on: one named operation per file, each runnable as pasted. */
export const OPERATIONS_DIR = "operations";

/** operations/*.graphql of the repository at `root`, by file name, in name order. */
export function readOperationFiles(root: URL): Map<string, string> {
  const dir = new URL(`${OPERATIONS_DIR}/`, root);
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort();
  return new Map(names.map((name) => [name, readFileSync(new URL(name, dir), "utf8")]));
}

/**
 * Every operation file as printed by graphql-js (the canonical text a client sends), each validated against the
 * schema so a stale example fails here rather than in a client. A file holds one named operation.
 */
export function manifestFromOperations(files: ReadonlyMap<string, string>, schema: GraphQLSchema): OperationManifest {
  const operations: OperationManifest["operations"] = [];
  for (const [file, text] of files) {
    const definitions = parse(text).definitions;
    const [operation] = definitions;
    if (definitions.length !== 1 || operation?.kind !== Kind.OPERATION_DEFINITION || !operation.name) {
      throw new Error(`${file}: expected exactly one named operation`);
    }
    const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [operation] });
    if (errors.length > 0) throw new Error(`${file} is invalid: ${errors[0]?.message}`);
    const body = print({ kind: Kind.DOCUMENT, definitions: [operation] });
    operations.push({ id: documentHash(body), name: operation.name.value, type: operation.operation, body });
  }
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

export function manifestFileText(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
