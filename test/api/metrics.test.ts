import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t.close();
});

it('counts GraphQL requests under route="/graphql" in the API\'s /metrics', async () => {
  expect((await t.gql(`{ topics { slug } }`)).errors).toBeUndefined();
  const metrics = await (await fetch(t.api.url.replace(/\/graphql$/, "/metrics"))).text();
  expect(metrics).toMatch(/dojo_api_request_duration_seconds_count\{route="\/graphql",status="200"\} 1\n/);
});
