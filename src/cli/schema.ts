import { readFileSync, writeFileSync } from "node:fs";
import { manifestFileText, manifestFromMarkdown, SCHEMA_FILE, schemaFileText } from "../app/client-contract.ts";
import { buildSchema } from "../app/schema.ts";
import { MANIFEST_FILE } from "../graphql/trusted-documents.ts";

/** `npm run schema`: writes schema.graphql and the trusted-documents manifest from the README's operations. */
const root = new URL("../../", import.meta.url);
const schema = buildSchema();
writeFileSync(new URL(SCHEMA_FILE, root), schemaFileText(schema));
const manifest = manifestFromMarkdown(readFileSync(new URL("README.md", root), "utf8"), schema);
writeFileSync(new URL(MANIFEST_FILE, root), manifestFileText(manifest));
console.log(`wrote ${SCHEMA_FILE} and ${MANIFEST_FILE} (${manifest.operations.length} operations)`);
