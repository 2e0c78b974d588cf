import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin, PersistedQueryOptions } from "@apollo/server";
import { GraphQLError } from "graphql";
import { z } from "zod";

/**
 * Trusted documents (a.k.a. an operation safelist): in production the API can refuse every operation that
 * is not in a committed manifest, so a leaked token or an attacker can run only what the apps run.
 * The manifest uses Apollo's persisted-query-manifest format, so the usual client tooling can read it.
 */
export const MANIFEST_FILE = "persisted-query-manifest.json";

const manifestSchema = z.object({
  format: z.literal("apollo-persisted-query-manifest"),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 hex digest"),
      name: z.string().min(1),
      type: z.enum(["query", "mutation", "subscription"]),
      body: z.string().min(1),
    }),
  ),
});
export type OperationManifest = z.infer<typeof manifestSchema>;

export function documentHash(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

/** The manifest as hash → document; a manifest whose id is not its body's hash is refused at start. */
export function readTrustedDocuments(path: string | URL): Map<string, string> {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${MANIFEST_FILE}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const documents = new Map<string, string>();
  for (const operation of parsed.data.operations) {
    if (documentHash(operation.body) !== operation.id)
      throw new Error(`${MANIFEST_FILE}: the id of ${operation.name} is not the SHA-256 of its body`);
    documents.set(operation.id, operation.body);
  }
  return documents;
}

export function untrustedOperationError(): GraphQLError {
  return new GraphQLError("Only the operations of the trusted-documents manifest run on this server.", {
    extensions: { code: "FORBIDDEN", reason: "OPERATION_NOT_TRUSTED", http: { status: 403 } },
  });
}

/**
 * Apollo's persisted-query cache backed by the manifest: a client may send only the hash
 * (`extensions.persistedQuery.sha256Hash`); registering new documents is a no-op.
 */
export function trustedDocumentsCache(
  documents: ReadonlyMap<string, string>,
): NonNullable<PersistedQueryOptions["cache"]> {
  return {
    // Apollo prefixes its keys ("apq:"): the hash is what follows.
    async get(key) {
      return documents.get(key.slice(key.lastIndexOf(":") + 1));
    },
    async set() {},
    async delete() {},
  };
}

/** Rejects, after parsing and before execution, any operation whose exact text is not in the manifest. */
export function trustedDocumentsPlugin<TContext extends object>(
  documents: ReadonlyMap<string, string>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!documents.has(queryHash)) throw untrustedOperationError();
        },
      };
    },
  };
}

/** The same check for a graphql-ws subscribe message (its query text). */
export function isTrustedDocument(documents: ReadonlyMap<string, string>, query: string): boolean {
  return documents.has(documentHash(query));
}
