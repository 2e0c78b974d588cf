import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { localeFromAcceptLanguage } from "../../src/lib/locale.ts";
import { judgeMessageIn } from "../../src/modules/submissions/judge-messages.ts";
import { problems } from "../../src/problems/registry.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { RUN_SAMPLES } from "../helpers/grading.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// A learner who never passes a locale argument reads the language they asked for: their saved preference,
// else their client's Accept-Language, else Chinese. Errors follow the same rule and keep their code.
let t: TestApi;
let slug: string;

const QUESTION = /* GraphQL */ `
  query Q($slug: String!) { question(slug: $slug) { title body codingProblem { functionName } } }
`;
const TITLE_ZH = "编程题 softmax";
const TITLE_EN = "Coding softmax";

/** The title of the test question as a request with these headers (and token) reads it. */
async function titleWith(headers: Record<string, string | null>, token?: string): Promise<string | undefined> {
  const result = await t.gql<{ question: { title: string } }>(QUESTION, { slug }, token, headers);
  expect(result.errors).toBeUndefined();
  return result.data?.question.title;
}

beforeAll(async () => {
  // One sample run per minute, so the second is refused and its message can be read.
  t = await startTestApi({ SAMPLE_RATE_LIMIT_PER_MINUTE: "1" });
  slug = await createCodingQuestion(t.db, "softmax");
});
afterAll(async () => {
  await t.close();
});

describe("Accept-Language, by q-value", () => {
  it("reads zh or en from the header, with q-values; neither is null", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.5")).toBe("EN");
    expect(localeFromAcceptLanguage("zh-CN")).toBe("ZH");
    expect(localeFromAcceptLanguage("zh;q=0.4, en;q=0.8")).toBe("EN");
    expect(localeFromAcceptLanguage("zh-Hant-TW,en;q=0.1")).toBe("ZH");
    expect(localeFromAcceptLanguage("fr-FR")).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });

  it("decides an anonymous request's texts when the locale argument is omitted", async () => {
    expect(await titleWith({ "accept-language": "en-US,en;q=0.9,zh;q=0.5" })).toBe(TITLE_EN);
    expect(await titleWith({ "accept-language": "zh-CN" })).toBe(TITLE_ZH);
    expect(await titleWith({ "accept-language": null })).toBe(TITLE_ZH);
    expect(await titleWith({ "accept-language": "zh;q=0.4, en;q=0.8" })).toBe(TITLE_EN);
    // A language the platform does not have falls back to Chinese.
    expect(await titleWith({ "accept-language": "fr" })).toBe(TITLE_ZH);
  });

  it("is named in Vary, so an HTTP cache keeps one response per language", async () => {
    const response = await fetch(t.api.url, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.headers.get("vary")?.toLowerCase()).toContain("accept-language");
  });

  it("never outranks an explicit locale argument", async () => {
    const result = await t.gql<{ question: { zh: string; en: string } }>(
      `query($slug: String!) { question(slug: $slug) { zh: title(locale: ZH) en: title(locale: EN) } }`,
      { slug },
      null,
      { "accept-language": "en" },
    );
    expect(result.data?.question).toEqual({ zh: TITLE_ZH, en: TITLE_EN });
  });
});

describe("a signed-in learner's preference", () => {
  it("is null until set, then outranks Accept-Language; an explicit argument still wins", async () => {
    const learner = await signUpUser(t);
    const me = await t.gql<{ me: { preferredLocale: string | null } }>(`{ me { preferredLocale } }`, {}, learner.token);
    expect(me.data?.me.preferredLocale).toBeNull();
    // Not set: the header decides for a signed-in learner too.
    expect(await titleWith({ "accept-language": "zh-CN" }, learner.token)).toBe(TITLE_ZH);

    const set = await t.gql<{ setPreferredLocale: { preferredLocale: string } }>(
      `mutation { setPreferredLocale(locale: EN) { preferredLocale } }`,
      {},
      learner.token,
      { "accept-language": "zh-CN" },
    );
    expect(set.data?.setPreferredLocale.preferredLocale).toBe("EN");
    expect(await titleWith({ "accept-language": "zh-CN,zh;q=0.9" }, learner.token)).toBe(TITLE_EN);
    expect(await titleWith({ "accept-language": null }, learner.token)).toBe(TITLE_EN);
    const explicit = await t.gql<{ question: { title: string } }>(
      `query($slug: String!) { question(slug: $slug) { title(locale: ZH) } }`,
      { slug },
      learner.token,
    );
    expect(explicit.data?.question.title).toBe(TITLE_ZH);
    const again = await t.gql<{ me: { preferredLocale: string } }>(`{ me { preferredLocale } }`, {}, learner.token);
    expect(again.data?.me.preferredLocale).toBe("EN");
  });

  it("needs a signed-in user, and says so in the request's language", async () => {
    const mutation = `mutation { setPreferredLocale(locale: ZH) { id } }`;
    const zh = await t.gql(mutation, {}, null, { "accept-language": "zh" });
    const en = await t.gql(mutation, {}, null, { "accept-language": "en" });
    expect(zh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(en.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(zh.errors?.[0]?.message).toBe("请先登录：发送 Authorization: Bearer <token>。");
    expect(en.errors?.[0]?.message).toBe("Sign in first: send Authorization: Bearer <token>.");
  });

  it("reads over WebSocket as over HTTP: the connection request's Accept-Language decides", async () => {
    const english = wsClient(t, null, { acceptLanguage: "en-GB,en;q=0.9" });
    const chinese = wsClient(t, null, { acceptLanguage: null });
    try {
      const en = await runOverWs<{ question: { title: string } }>(english, QUESTION, { slug });
      const zh = await runOverWs<{ question: { title: string } }>(chinese, QUESTION, { slug });
      expect(en.results[0]?.data?.question.title).toBe(TITLE_EN);
      expect(zh.results[0]?.data?.question.title).toBe(TITLE_ZH);
    } finally {
      await english.dispose();
      await chinese.dispose();
    }
  });
});

describe("messages in both languages, with the same code", () => {
  it("validation: a refused handle and password, field by field", async () => {
    const input = { email: `l-${uniqueSuffix()}@example.com`, handle: "林 伟", password: "short" };
    const mutation = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;
    const zh = await t.gql(mutation, { input }, null, { "accept-language": "zh-CN" });
    const en = await t.gql(mutation, { input }, null, { "accept-language": "en-US" });
    for (const result of [zh, en]) expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = (result: typeof zh) =>
      Object.fromEntries(
        ((result.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string; message: string }[]).map((e) => [
          e.field,
          e.message,
        ]),
      );
    expect(fields(en)["input.handle"]).toContain("a space (U+0020) is not allowed");
    expect(fields(zh)["input.handle"]).toContain("不允许 空格（U+0020）");
    expect(fields(en)["input.password"]).toBe("must be at least 8 characters");
    expect(fields(zh)["input.password"]).toBe("至少 8 个字符");
    expect(zh.errors?.[0]?.message).toContain("input.password: 至少 8 个字符");
  });

  it("validation: a cursor that is not one", async () => {
    const query = `query { mySubmissions(first: 1, after: "not-a-cursor") { totalCount } }`;
    const learner = await signUpUser(t);
    const zh = await t.gql(query, {}, learner.token, { "accept-language": "zh" });
    const en = await t.gql(query, {}, learner.token, { "accept-language": "en" });
    expect(zh.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(en.errors?.[0]?.message).toBe("after: after is not a cursor returned by this API");
    expect(zh.errors?.[0]?.message).toBe("after: after 不是本 API 返回的游标");
  });

  it("rate limits: RATE_LIMITED with retryAfterSeconds, said in the learner's language", async () => {
    const zhLearner = await signUpUser(t);
    const enLearner = await signUpUser(t);
    await t.gql(`mutation { setPreferredLocale(locale: EN) { id } }`, {}, enLearner.token);
    const input = { slug, language: "TYPESCRIPT", code: "export function softmax(x: number[]) { return x; }" };
    const refusals = [];
    for (const learner of [zhLearner, enLearner]) {
      const first = await t.gql(RUN_SAMPLES, { input }, learner.token, { "accept-language": "zh-CN" });
      expect(first.errors).toBeUndefined();
      refusals.push(await t.gql(RUN_SAMPLES, { input }, learner.token, { "accept-language": "zh-CN" }));
    }
    const [zh, en] = refusals.map((refusal) => refusal.errors?.[0]);
    for (const refusal of [zh, en]) {
      expect(refusal?.extensions?.code).toBe("RATE_LIMITED");
      expect(refusal?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    }
    expect(zh?.message).toMatch(/^每分钟最多运行 1 次样例（提交有单独的额度）；\d+ 秒后可以再次运行。$/);
    expect(en?.message).toMatch(/^At most 1 sample runs per minute \(submissions have their own budget\)/);
  });

  it("not found, raised inside a resolver", async () => {
    const learner = await signUpUser(t);
    const reveal = `mutation { revealHint(slug: "no-such-${uniqueSuffix()}", index: 0) { index } }`;
    const zh = await t.gql(reveal, {}, learner.token, { "accept-language": "zh" });
    const en = await t.gql(reveal, {}, learner.token, { "accept-language": "en" });
    expect(zh.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(en.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(zh.errors?.[0]?.message).toMatch(/^没有 slug 为 "no-such-.+" 的已发布题目$/);
    expect(en.errors?.[0]?.message).toMatch(/^No published question with slug "no-such-.+"$/);
  });

  it("a bad token, refused before any resolver runs", async () => {
    const zh = await t.gql(`{ me { id } }`, {}, "not-a-token", { "accept-language": "zh" });
    const en = await t.gql(`{ me { id } }`, {}, "not-a-token", { "accept-language": "en" });
    expect(zh.status).toBe(401);
    expect(zh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(zh.errors?.[0]?.message).toBe("令牌无效或已被撤销，请重新登录。");
    expect(en.errors?.[0]?.message).toBe("Unknown or revoked token; log in again.");
  });

  it("verdict messages: the judge's sentences translated, what it quotes kept", async () => {
    expect(judgeMessageIn("wrong answer on hidden test 3", "ZH")).toBe("答案错误（隐藏测试 3）");
    expect(judgeMessageIn("time limit of 2000 ms exceeded on performance test 1", "ZH")).toBe(
      "超出 2000 ms 的时间限制（性能测试 1）",
    );
    expect(judgeMessageIn("at result[2]: got 0.5, want 0.25", "ZH")).toBe("位置 result[2]：得到 0.5，应为 0.25");
    expect(judgeMessageIn("this runtime does not report each timed run's answer", "ZH")).toBe(
      "这个运行环境不报告每次计时运行的答案",
    );
    // Problems' own checkers.
    expect(judgeMessageIn("result must be an object on sample test 1", "ZH")).toBe("结果必须是一个对象（样例测试 1）");
    expect(judgeMessageIn('decision: got "reject", want "keep"', "ZH")).toBe('decision：得到 "reject"，应为 "keep"');
    expect(judgeMessageIn("confusion: at [0][1]: got 2, want 3", "ZH")).toBe("confusion：位置 [0][1]：得到 2，应为 3");
    expect(
      judgeMessageIn("pValue: got 0, want 1.4e-105 (compared by relative error 0.000001: the tail counts)", "ZH"),
    ).toBe("pValue：得到 0，应为 1.4e-105（按相对误差 0.000001 比较：尾部的精度也算）");
    expect(judgeMessageIn("shape mismatch at result: got length 2, want 3", "ZH")).toBe(
      "形状不符，位置 result：得到长度 2，应为 3",
    );
    expect(judgeMessageIn("the solution must define a function named softmax (it defines: soft)", "ZH")).toBe(
      "解答必须定义名为 softmax 的函数（它定义了：soft）",
    );
    // The learner's own text (a sample test shows it) is not the judge's: it stays as written.
    expect(judgeMessageIn("Error: my own message", "ZH")).toBe("Error: my own message");
    expect(judgeMessageIn("wrong answer on hidden test 3", "EN")).toBe("wrong answer on hidden test 3");

    // Through the API: a finished submission's stored messages, read by a learner without a locale argument.
    const learner = await signUpUser(t);
    const input = { slug, language: "TYPESCRIPT", code: "export function softmax(x: number[]) { return x; }" };
    const run = await t.gql<{ runSamples: { id: string } }>(RUN_SAMPLES, { input }, learner.token);
    const id = run.data?.runSamples.id ?? "";
    await t.db.submission.update({
      where: { id },
      data: {
        status: "FINISHED",
        verdict: "WRONG_ANSWER",
        tests: [{ name: "hidden 3", kind: "hidden", status: "FAILED", message: "wrong answer on hidden test 3" }],
        perfNote: "no reference solution in PYTHON to compare with",
      },
    });
    const read = `query($id: ID!) { submission(id: $id) { perfNote tests { message } } }`;
    type Read = { submission: { perfNote: string; tests: { message: string }[] } };
    const zh = await t.gql<Read>(read, { id }, learner.token, { "accept-language": "zh" });
    const en = await t.gql<Read>(read, { id }, learner.token, { "accept-language": "en" });
    expect(zh.data?.submission).toEqual({
      perfNote: "没有 PYTHON 的参考解可供比较",
      tests: [{ message: "答案错误（隐藏测试 3）" }],
    });
    expect(en.data?.submission).toEqual({
      perfNote: "no reference solution in PYTHON to compare with",
      tests: [{ message: "wrong answer on hidden test 3" }],
    });
  });

  it("what a Python solution may use: every problem's text in Chinese too, read in the request's locale", async () => {
    // Each problem's package says it in Chinese too (allowedZh), beside the form's English.
    const packages = [...problems.values()];
    expect(packages.length).toBeGreaterThan(20);
    expect(packages.filter((p) => !/\p{Script=Han}/u.test(p.allowedZh)).map((p) => p.id)).toEqual([]);

    const query = `query($slug: String!) { question(slug: $slug) { codingProblem { allowed(language: PYTHON) } } }`;
    type Allowed = { question: { codingProblem: { allowed: string } } };
    const zh = await t.gql<Allowed>(query, { slug }, null, { "accept-language": "zh-CN" });
    const en = await t.gql<Allowed>(query, { slug }, null, { "accept-language": "en" });
    expect(zh.data?.question.codingProblem.allowed).toMatch(/^Python 3 与 numpy/);
    expect(en.data?.question.codingProblem.allowed).toMatch(/^Python 3 with numpy/);
  });

  it("starter code: its comments in the request's locale, the code itself the same", async () => {
    const query = `query($slug: String!, $language: Language) {
      question(slug: $slug) { codingProblem { starterCode(language: $language) } } }`;
    type Starter = { question: { codingProblem: { starterCode: string } } };
    const read = async (language: string, acceptLanguage: string) =>
      (await t.gql<Starter>(query, { slug, language }, null, { "accept-language": acceptLanguage })).data?.question
        .codingProblem.starterCode ?? "";
    for (const language of ["TYPESCRIPT", "PYTHON"]) {
      const zh = await read(language, "zh-CN");
      const en = await read(language, "en");
      expect({ language, zhHasChinese: /\p{Script=Han}/u.test(zh), enHasChinese: /\p{Script=Han}/u.test(en) }).toEqual({
        language,
        zhHasChinese: true,
        enHasChinese: false,
      });
      expect(zh).toContain("计算时不能溢出");
      expect(en).toContain("without overflow or division by zero");
      // Only the comments differ: the lines of code are the same in both.
      const code = (text: string) => text.split("\n").map((line) => line.replace(/(\/\/|#).*$/, ""));
      expect(code(zh)).toEqual(code(en));
    }
  });
});
