import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import {
  manifestFileText,
  manifestFromOperations,
  readOperationFiles,
  SCHEMA_FILE,
  schemaFileText,
} from "../../src/app/client-contract.ts";
import { buildSchema } from "../../src/app/schema.ts";
import { documentHash, MANIFEST_FILE, readTrustedDocuments } from "../../src/graphql/trusted-documents.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

describe("files generated for clients (npm run schema)", () => {
  it("schema.graphql is the running schema", () => {
    expect(read(SCHEMA_FILE)).toBe(schemaFileText(buildSchema()));
  });

  it("the trusted-documents manifest holds exactly the operations of operations/", () => {
    const manifest = manifestFromOperations(readOperationFiles(root), buildSchema());
    expect(read(MANIFEST_FILE)).toBe(manifestFileText(manifest));
    expect(manifest.operations.map((operation) => operation.name)).toEqual(
      expect.arrayContaining(["SignUp", "LogIn", "Questions", "Question", "SubmitSolution", "SubmissionUpdated"]),
    );
  });

  it("refuses an operation the schema does not accept, and a file that is not one named operation", () => {
    const schema = buildSchema();
    const invalid = new Map([["bad.graphql", "query Bad { questions { noSuchField } }"]]);
    expect(() => manifestFromOperations(invalid, schema)).toThrow(/bad.graphql is invalid/);
    const anonymous = new Map([["anonymous.graphql", "{ topics { slug } }"]]);
    expect(() => manifestFromOperations(anonymous, schema)).toThrow(/exactly one named operation/);
  });

  it("the generated resolver and operation types are current (GraphQL Code Generator --check)", () => {
    // Stale when schema.graphql or an operation changed after `npm ci`/`npm run schema` generated them.
    const codegen = fileURLToPath(new URL("node_modules/.bin/graphql-codegen", root));
    expect(() =>
      execFileSync(codegen, ["--config", "codegen.ts", "--check", "--silent"], {
        cwd: fileURLToPath(root),
        encoding: "utf8",
        timeout: 120_000,
      }),
    ).not.toThrow();
  }, 150_000);
});

// biome-ignore lint/suspicious/noExplicitAny: responses of several shapes (data, errors) are inspected below.
type Json = any;

async function post(url: string, body: Record<string, unknown>): Promise<{ status: number; json: Json }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: documentHash(query) } });

describe("persisted queries", () => {
  let open: TestApi;
  let trusted: TestApi;
  const documents = readTrustedDocuments(new URL(MANIFEST_FILE, root));
  const leaderboardQuery = [...documents.values()].find((body) => body.includes("leaderboard")) ?? "";

  beforeAll(async () => {
    open = await startTestApi();
    trusted = await startTestApi({ TRUSTED_DOCUMENTS_ONLY: "true" });
  });
  afterAll(async () => {
    await open.close();
    await trusted.close();
  });

  it("automatic persisted queries: a hash alone is unknown until sent once with its text", async () => {
    const query = `{ topics { slug } }`;
    const unknown = await post(open.api.url, { extensions: persisted(query) });
    expect(unknown.json.errors[0].message).toBe("PersistedQueryNotFound");
    const registered = await post(open.api.url, { query, extensions: persisted(query) });
    expect(registered.json.errors).toBeUndefined();
    const byHash = await post(open.api.url, { extensions: persisted(query) });
    expect(byHash.json).toEqual(registered.json);
  });

  it("TRUSTED_DOCUMENTS_ONLY runs a manifest operation by text or by hash alone, and refuses anything else", async () => {
    expect(leaderboardQuery).toContain("leaderboard");
    const byText = await post(trusted.api.url, { query: leaderboardQuery });
    expect(byText.json.errors).toBeUndefined();
    expect(byText.json.data.leaderboard).toEqual(expect.any(Array));
    const byHash = await post(trusted.api.url, { extensions: persisted(leaderboardQuery) });
    expect(byHash.json).toEqual(byText.json);

    const other = `{ topics { slug } }`;
    const refused = await post(trusted.api.url, { query: other });
    expect(refused.status).toBe(403);
    expect(refused.json.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "OPERATION_NOT_TRUSTED" });
    // Registering through APQ does not add to the manifest.
    await post(trusted.api.url, { query: other, extensions: persisted(other) });
    const stillUnknown = await post(trusted.api.url, { extensions: persisted(other) });
    expect(stillUnknown.json.errors[0].message).toBe("PersistedQueryNotFound");
  });

  it("TRUSTED_DOCUMENTS_ONLY refuses a subscription over graphql-ws that is not in the manifest", async () => {
    const client = createClient({
      url: trusted.api.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `subscription { submissionUpdated(id: "00000000-0000-4000-8000-000000000000") { status } }` },
          { next: resolve, error: resolve, complete: () => resolve("completed") },
        );
      });
      expect(outcome).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ reason: "OPERATION_NOT_TRUSTED" }) }),
      ]);
    } finally {
      await client.dispose();
    }
  });
});
