import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  manifestFileText,
  manifestFromOperations,
  readOperationFiles,
  SCHEMA_FILE,
  schemaFileText,
} from "../app/client-contract.ts";
import { buildSchema } from "../app/schema.ts";
import { MANIFEST_FILE } from "../graphql/trusted-documents.ts";

/**
 * `npm run schema`: writes schema.graphql and the trusted-documents manifest (from operations/*.graphql), then
 * regenerates the resolver and operation types from both (GraphQL Code Generator, codegen.ts).
 */
const root = new URL("../../", import.meta.url);
const schema = buildSchema();
writeFileSync(new URL(SCHEMA_FILE, root), schemaFileText(schema));
const manifest = manifestFromOperations(readOperationFiles(root), schema);
writeFileSync(new URL(MANIFEST_FILE, root), manifestFileText(manifest));
console.log(`wrote ${SCHEMA_FILE} and ${MANIFEST_FILE} (${manifest.operations.length} operations)`);
execFileSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--silent"], {
  cwd: fileURLToPath(root),
  stdio: "inherit",
});
console.log("wrote src/generated/graphql.ts and src/generated/operations.ts");
