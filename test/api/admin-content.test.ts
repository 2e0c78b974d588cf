import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createTopic } from "../helpers/fixtures.ts";

const UPSERT = /* GraphQL */ `
  mutation Upsert($input: QuestionInput!) {
    upsertQuestion(input: $input) { slug status revision title(locale: EN) topics { slug } }
  }
`;
const SET_STATUS = /* GraphQL */ `
  mutation SetStatus($slug: String!, $status: QuestionStatus!) { setQuestionStatus(slug: $slug, status: $status) { slug status revision } }
`;
const ONE = `query($slug: String!) { question(slug: $slug) { slug status revisions { revision editor { handle } } } }`;

let t: TestApi;
let admin: SignedUpUser;
let learner: SignedUpUser;
let topic: string;

function questionInput(slug: string, titleEn: string) {
  return {
    slug,
    kind: "CONCEPT",
    difficulty: "EASY",
    status: "DRAFT",
    topics: [topic],
    title: { zh: "什么是梯度裁剪？", en: titleEn },
    body: { zh: "请解释梯度裁剪。" },
    answer: { zh: "限制梯度的范数。" },
    keyPoints: [{ zh: "防止梯度爆炸", en: "prevents exploding gradients", concepts: [["梯度爆炸", "exploding"]] }],
  };
}

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  admin = await signUpUser(t, { role: "ADMIN" });
  learner = await signUpUser(t);
  topic = (await createTopic(t.db, "admin")).slug;
});
afterAll(async () => {
  await t.close();
});

describe("admin content", () => {
  it("keeps a revision per edit and none for an unchanged save", async () => {
    const slug = `clip-${uniqueSuffix()}`;
    const first = await t.gql<{ upsertQuestion: { revision: number } }>(
      UPSERT,
      { input: questionInput(slug, "Gradient clipping") },
      admin.token,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertQuestion.revision).toBe(1);
    const second = await t.gql<{ upsertQuestion: { revision: number; title: string } }>(
      UPSERT,
      { input: questionInput(slug, "What is gradient clipping?") },
      admin.token,
    );
    expect(second.data?.upsertQuestion).toMatchObject({ revision: 2, title: "What is gradient clipping?" });
    const same = await t.gql<{ upsertQuestion: { revision: number } }>(
      UPSERT,
      { input: questionInput(slug, "What is gradient clipping?") },
      admin.token,
    );
    expect(same.data?.upsertQuestion.revision).toBe(2);
    const read = await t.gql<{ question: { revisions: { revision: number; editor: { handle: string } }[] } }>(
      ONE,
      { slug },
      admin.token,
    );
    expect(read.data?.question.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(read.data?.question.revisions[0]?.editor.handle).toBe(admin.handle);
  });

  it("publishes with setQuestionStatus; drafts stay invisible to learners until then", async () => {
    const slug = `publish-${uniqueSuffix()}`;
    await t.gql(UPSERT, { input: questionInput(slug, "Draft") }, admin.token);
    const hidden = await t.gql<{ question: null }>(
      `query($slug: String!) { question(slug: $slug) { slug } }`,
      { slug },
      learner.token,
    );
    expect(hidden.data?.question).toBeNull();
    const published = await t.gql<{ setQuestionStatus: { status: string; revision: number } }>(
      SET_STATUS,
      { slug, status: "PUBLISHED" },
      admin.token,
    );
    expect(published.data?.setQuestionStatus).toEqual({ slug, status: "PUBLISHED", revision: 2 });
    const visible = await t.gql<{ question: { slug: string } }>(
      `query($slug: String!) { question(slug: $slug) { slug } }`,
      { slug },
      learner.token,
    );
    expect(visible.data?.question.slug).toBe(slug);
    const revisions = await t.gql(ONE, { slug }, learner.token);
    expect(revisions.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses learners (FORBIDDEN) and anonymous users (UNAUTHENTICATED)", async () => {
    const input = questionInput(`nope-${uniqueSuffix()}`, "Nope");
    expect((await t.gql(UPSERT, { input }, learner.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(UPSERT, { input })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(
      (await t.gql(SET_STATUS, { slug: "x", status: "PUBLISHED" }, learner.token)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
  });

  it("names the invalid fields with BAD_USER_INPUT and NOT_FOUND for an unknown slug", async () => {
    const bad = { ...questionInput("Not A Slug", "x"), topics: ["no-such-topic"] };
    const result = await t.gql(UPSERT, { input: bad }, admin.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toContain("input.slug");
    const unknownTopic = await t.gql(
      UPSERT,
      { input: { ...questionInput(`t-${uniqueSuffix()}`, "x"), topics: ["no-such-topic"] } },
      admin.token,
    );
    expect(unknownTopic.errors?.[0]?.message).toContain("input.topics.0");
    const coding = await t.gql(
      UPSERT,
      {
        input: { ...questionInput(`c-${uniqueSuffix()}`, "x"), kind: "CODING", coding: { kernelId: "no_such_kernel" } },
      },
      admin.token,
    );
    expect(coding.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(coding.errors?.[0]?.message).toContain("input.coding.kernelId");
    const missing = await t.gql(SET_STATUS, { slug: `missing-${uniqueSuffix()}`, status: "PUBLISHED" }, admin.token);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("operations", () => {
  it("serves Prometheus metrics and keeps the queue dashboard for admins", async () => {
    const base = t.api.url.replace(/\/graphql$/, "");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain("dojo_queue_depth");
    expect(metrics).toContain("dojo_api_request_duration_seconds");
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    expect(
      (await fetch(`${base}/admin/queues`, { headers: { authorization: `Bearer ${learner.token}` } })).status,
    ).toBe(403);
    // A token in the URL is refused (logs and history would keep it); the sign-in form posts it instead.
    expect((await fetch(`${base}/admin/queues?token=${admin.token}`)).status).toBe(400);
    const navigation = await fetch(`${base}/admin/queues`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect([navigation.status, navigation.headers.get("location")]).toEqual([303, "/admin/queues/login"]);
    expect(await (await fetch(`${base}/admin/queues/login`)).text()).toContain('method="post"');
    const signIn = (token: string) =>
      fetch(`${base}/admin/queues/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
        redirect: "manual",
      });
    expect((await signIn(learner.token)).status).toBe(403);
    expect((await signIn("not-a-token")).status).toBe(401);
    const signedIn = await signIn(admin.token);
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^dojo_token=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
    const dashboard = await fetch(`${base}/admin/queues`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("<html");
  });
});

describe("public response micro-cache", () => {
  it("serves anonymous reads from memory, never signed-in ones, and drops it on an admin change", async () => {
    const cached = await startTestApi({ PUBLIC_CACHE_TTL_MS: "60000" });
    try {
      const cacheAdmin = await signUpUser(cached, { role: "ADMIN" });
      const slug = `cache-${uniqueSuffix()}`;
      await cached.gql(UPSERT, { input: { ...questionInput(slug, "Before"), status: "PUBLISHED" } }, cacheAdmin.token);
      const read = `query($slug: String!) { question(slug: $slug) { title(locale: EN) } }`;
      const titleOf = async (token?: string) =>
        (await cached.gql<{ question: { title: string } | null }>(read, { slug }, token)).data?.question?.title;
      expect(await titleOf()).toBe("Before");
      // A change behind the API's back: anonymous readers keep the cached answer, signed-in readers see it.
      await cached.db.question.update({ where: { slug }, data: { titleEn: "Changed in the database" } });
      expect(await titleOf()).toBe("Before");
      expect(await titleOf(cacheAdmin.token)).toBe("Changed in the database");
      // An admin change through this API clears the cache at once.
      await cached.gql(UPSERT, { input: { ...questionInput(slug, "After"), status: "PUBLISHED" } }, cacheAdmin.token);
      expect(await titleOf()).toBe("After");
    } finally {
      await cached.close();
    }
  });
});
