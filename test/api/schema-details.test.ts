import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// With introspection off (production), errors must not spell the schema out through suggestions either.
let production: TestApi;
let development: TestApi;
beforeAll(async () => {
  production = await startTestApi({ NODE_ENV: "production" });
  development = await startTestApi({ REDIS_PREFIX: production.config.REDIS_PREFIX });
});
afterAll(async () => {
  await development.close();
  await production.close();
});

const MISSPELT_FIELD = "{ topics { slgu } }";
const MISSPELT_ENUM = {
  query: "query($p: LeaderboardPeriod!) { leaderboard(period: $p) { rank } }",
  variables: { p: "WEK" },
};

describe("field-name suggestions", () => {
  it("are cut from validation and variable errors in production, over HTTP and WebSocket", async () => {
    const field = await production.gql(MISSPELT_FIELD);
    expect(field.errors?.[0]?.message).toBe('Cannot query field "slgu" on type "Topic".');
    const variable = await production.gql(MISSPELT_ENUM.query, MISSPELT_ENUM.variables);
    expect(variable.errors?.[0]?.message).toMatch(/"WEK"/);
    expect(variable.errors?.[0]?.message).not.toMatch(/Did you mean|WEEK/);
    const socket = wsClient(production);
    try {
      const overWs = await runOverWs(socket, MISSPELT_FIELD);
      expect(overWs.errors?.[0]?.message).toBe('Cannot query field "slgu" on type "Topic".');
    } finally {
      await socket.dispose();
    }
  });

  it("are kept where introspection is on (development)", async () => {
    const field = await development.gql(MISSPELT_FIELD);
    expect(field.errors?.[0]?.message).toMatch(/Did you mean "slug"\?$/);
  });
});
