import { type RunningApi, startApiServer } from "../../src/app/server.ts";
import { type OwnedServices, openServices } from "../../src/app/services.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db.ts";
import { testDatabaseUrl, testRedisPrefix, testRedisUrl, uniqueSuffix } from "./env.ts";
import { deleteNamespace } from "./redis-keys.ts";

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
};

export type TestApi = {
  api: RunningApi;
  services: OwnedServices;
  db: Db;
  config: Config;
  /**
   * POSTs one operation; `token` becomes `Authorization: Bearer <token>`. Tests read messages in English
   * (Accept-Language: en) unless `headers` says otherwise (null drops a header): the API's own default is Chinese,
   * which test/api/locale.test.ts checks.
   */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    headers?: Record<string, string | null>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
};

/**
 * A real API server on a free port, with its own Redis namespace so test files never share rate limits or queues;
 * `close()` deletes that namespace, unless the caller passed REDIS_PREFIX (then the namespace is the caller's).
 */
export async function startTestApi(
  overrides: Record<string, string> = {},
  options: { logQueries?: boolean } = {},
): Promise<TestApi> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix("api"),
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATABASE_POOL_SIZE: "5",
    // Test files create rows between anonymous reads; the micro-cache has its own test.
    PUBLIC_CACHE_TTL_MS: "0",
    // Test files poll one learner's submissions far faster than a person would; the budget has its own test.
    USER_COST_BUDGET_PER_MINUTE: "100000000",
    ...overrides,
  });
  const services = openServices(config, "api-test", options);
  const api = await startApiServer(services);
  return {
    api,
    services,
    db: services.db,
    config,
    async gql(query, variables, token, headers = {}) {
      const sent: Record<string, string | null> = {
        "content-type": "application/json",
        "accept-language": "en",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      };
      const response = await fetch(api.url, {
        method: "POST",
        headers: Object.fromEntries(
          Object.entries(sent).filter((entry): entry is [string, string] => entry[1] !== null),
        ),
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as GraphQLResponse<never>;
    },
    async close() {
      await api.close();
      await services.close();
      if (overrides.REDIS_PREFIX === undefined) await deleteNamespace(config.REDIS_URL, config.REDIS_PREFIX);
    },
  };
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { id handle role } }
  }
`;

export type SignedUpUser = { token: string; id: string; handle: string; email: string; password: string };

/** Signs up a fresh learner through the API; `role: "ADMIN"` promotes it in the database afterwards. */
export async function signUpUser(
  testApi: TestApi,
  options: { role?: "LEARNER" | "ADMIN"; timeZone?: string } = {},
): Promise<SignedUpUser> {
  const suffix = uniqueSuffix();
  const input = {
    email: `user-${suffix}@example.com`,
    handle: `u_${suffix}`.slice(0, 32),
    password: "correct horse battery",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  };
  const result = await testApi.gql<{ signUp: { token: string; user: { id: string; handle: string } } }>(SIGN_UP, {
    input,
  });
  if (!result.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  if (options.role === "ADMIN") {
    await testApi.db.user.update({ where: { id: result.data.signUp.user.id }, data: { role: "ADMIN" } });
  }
  return {
    token: result.data.signUp.token,
    id: result.data.signUp.user.id,
    handle: input.handle,
    email: input.email,
    password: input.password,
  };
}
