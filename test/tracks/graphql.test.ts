import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Question } from "../../src/generated/prisma/client.ts";
import { parseTrackContent, saveTrack } from "../../src/modules/tracks/service.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createQuestion, createTopic } from "../helpers/fixtures.ts";

/** Tracks through the API: items in order, per-learner statuses and progress, and a bounded number of statements. */
const TRACK = /* GraphQL */ `
  query Track($slug: String!, $locale: Locale) {
    track(slug: $slug) {
      slug
      level
      title(locale: $locale)
      description(locale: $locale)
      itemCount
      items { position status done question { slug kind title(locale: $locale) topics { slug } } }
      progress { done total next { position question { slug } } }
    }
  }
`;

type TrackItem = { position: number; status: string | null; done: boolean | null; question: { slug: string } };
type TrackData = {
  track: {
    slug: string;
    level: string;
    title: string;
    description: string;
    itemCount: number;
    items: TrackItem[];
    progress: { done: number; total: number; next: { position: number; question: { slug: string } } | null } | null;
  } | null;
};

let t: TestApi;
const marker = uniqueSuffix();
const slugOf = (name: string) => `trk-api-${marker}-${name}`;
const queries: string[] = [];
/** The short track's questions, in track order (index 2 is a draft: not shown). */
let short: Question[];
let long: Question[];

async function makeTrack(name: string, questions: Question[], order: number) {
  const content = parseTrackContent({
    slug: slugOf(name),
    order,
    level: "INTERMEDIATE",
    title: { zh: `路线 ${name}`, en: `Track ${name}` },
    description: { zh: "说明", en: "About it" },
    items: questions.map((question) => question.slug),
  });
  await saveTrack(t.db, content, content.items);
}

async function track(slug: string, token?: string, locale = "ZH"): Promise<NonNullable<TrackData["track"]>> {
  const result = await t.gql<TrackData>(TRACK, { slug, locale }, token);
  expect(result.errors).toBeUndefined();
  const data = result.data?.track;
  if (!data) throw new Error(`no track ${slug}`);
  return data;
}

async function solve(user: SignedUpUser, question: Question, status: "SOLVED" | "REVIEWING" | "ATTEMPTED") {
  await t.db.progress.create({
    data: {
      userId: user.id,
      questionId: question.id,
      status,
      attempts: 1,
      firstSolvedAt: status === "ATTEMPTED" ? null : new Date(),
    },
  });
}

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, { logQueries: true });
  t.db.$on("query", (event) => queries.push(event.query));
  const topic = await createTopic(t.db, "tracks");
  const make = (name: string, status: "PUBLISHED" | "DRAFT" = "PUBLISHED", kind: "CONCEPT" | "CODING" = "CONCEPT") =>
    createQuestion(t.db, "trk", { slug: slugOf(name), status, kind, topics: [topic], titleEn: `Item ${name}` });
  short = [await make("s0"), await make("s1", "PUBLISHED", "CODING"), await make("s2", "DRAFT"), await make("s3")];
  long = [];
  for (let i = 0; i < 40; i++) long.push(await make(`l${String(i).padStart(2, "0")}`));
  await makeTrack("short", short, 1);
  await makeTrack("long", long, 2);
});

afterAll(async () => {
  await t.db.track.deleteMany({ where: { slug: { startsWith: slugOf("") } } });
  await t.close();
});

describe("track(slug)", () => {
  it("lists the published items in the track's order, in either language; anonymous gets no standing", async () => {
    const zh = await track(slugOf("short"));
    expect(zh).toMatchObject({ level: "INTERMEDIATE", title: "路线 short", description: "说明", itemCount: 3 });
    expect(zh.items.map((item) => [item.position, item.question.slug])).toEqual([
      [1, short[0]?.slug],
      [2, short[1]?.slug],
      [3, short[3]?.slug],
    ]);
    expect(zh.items.every((item) => item.status === null && item.done === null)).toBe(true);
    expect(zh.progress).toBeNull();
    const en = await track(slugOf("short"), undefined, "EN");
    expect(en).toMatchObject({ title: "Track short", description: "About it" });
    expect((await t.gql<TrackData>(TRACK, { slug: slugOf("none") })).data?.track).toBeNull();
  });

  it("gives a learner each item's status, done / total by the solved rule, and the next item to do", async () => {
    const learner = await signUpUser(t);
    const fresh = await track(slugOf("short"), learner.token);
    expect(fresh.items.map((item) => [item.status, item.done])).toEqual([
      ["NOT_STARTED", false],
      ["NOT_STARTED", false],
      ["NOT_STARTED", false],
    ]);
    expect(fresh.progress).toEqual({ done: 0, total: 3, next: { position: 1, question: { slug: short[0]?.slug } } });

    await solve(learner, short[0] as Question, "REVIEWING");
    await solve(learner, short[1] as Question, "ATTEMPTED");
    await solve(learner, short[2] as Question, "SOLVED"); // a draft: not an item a learner sees
    const midway = await track(slugOf("short"), learner.token);
    expect(midway.items.map((item) => [item.status, item.done])).toEqual([
      ["REVIEWING", true],
      ["ATTEMPTED", false],
      ["NOT_STARTED", false],
    ]);
    expect(midway.progress).toEqual({ done: 1, total: 3, next: { position: 2, question: { slug: short[1]?.slug } } });

    await t.db.progress.updateMany({
      where: { userId: learner.id, questionId: short[1]?.id },
      data: { status: "SOLVED", firstSolvedAt: new Date() },
    });
    await solve(learner, short[3] as Question, "SOLVED");
    const finished = await track(slugOf("short"), learner.token);
    expect(finished.progress).toEqual({ done: 3, total: 3, next: null });
    // Another learner's progress is their own.
    const other = await signUpUser(t);
    expect((await track(slugOf("short"), other.token)).progress?.done).toBe(0);
  });

  it("reads a track of 40 items with statuses and progress in as many statements as a track of 3", async () => {
    const learner = await signUpUser(t);
    await solve(learner, long[0] as Question, "SOLVED");
    const count = async (slug: string, token?: string) => {
      await track(slug, token); // warm-up (loaders, the token cache)
      queries.length = 0;
      const data = await track(slug, token);
      return { items: data.items.length, statements: queries.length };
    };
    const small = await count(slugOf("short"), learner.token);
    const big = await count(slugOf("long"), learner.token);
    expect(small.items).toBe(3);
    expect(big.items).toBe(40);
    expect(big.statements).toBe(small.statements);
    // the token, the track, its items with the learner's standing, the items' topics: never one per item
    expect(big.statements).toBeLessThanOrEqual(4);
    const anonymous = await count(slugOf("long"));
    expect(anonymous.statements).toBeLessThanOrEqual(3);
  });
});

describe("tracks", () => {
  const TRACKS = /* GraphQL */ `
    query {
      tracks { slug title(locale: EN) itemCount progress { done total } items { position question { slug } } }
    }
  `;
  type TracksData = {
    tracks: { slug: string; title: string; itemCount: number; progress: { done: number; total: number } | null }[];
  };

  it("lists every track in the authored order, their items read together", async () => {
    const learner = await signUpUser(t);
    await solve(learner, long[5] as Question, "SOLVED");
    await t.gql(TRACKS, {}, learner.token);
    queries.length = 0;
    const result = await t.gql<TracksData>(TRACKS, {}, learner.token);
    expect(result.errors).toBeUndefined();
    const ours = (result.data?.tracks ?? []).filter((entry) => entry.slug.startsWith(slugOf("")));
    expect(ours).toEqual([
      {
        slug: slugOf("short"),
        title: "Track short",
        itemCount: 3,
        progress: { done: 0, total: 3 },
        items: expect.any(Array),
      },
      {
        slug: slugOf("long"),
        title: "Track long",
        itemCount: 40,
        progress: { done: 1, total: 40 },
        items: expect.any(Array),
      },
    ]);
    // the token, the tracks, every track's items at once
    expect(queries.length).toBeLessThanOrEqual(3);
  });
});

describe("questions(filter: { track })", () => {
  const LIST = /* GraphQL */ `
    query List($filter: QuestionFilter) { questions(filter: $filter, first: 100) { totalCount edges { node { slug } } } }
  `;
  type ListData = { questions: { totalCount: number; edges: { node: { slug: string } }[] } };

  it("filters the catalogue to a track's published questions, with the other filters", async () => {
    const list = async (filter: Record<string, unknown>) => {
      const result = await t.gql<ListData>(LIST, { filter });
      expect(result.errors).toBeUndefined();
      return (result.data?.questions.edges ?? []).map((edge) => edge.node.slug).sort();
    };
    expect(await list({ track: slugOf("short") })).toEqual([short[0], short[1], short[3]].map((q) => q?.slug).sort());
    expect(await list({ track: slugOf("short"), kind: "CODING" })).toEqual([short[1]?.slug]);
    expect(await list({ track: slugOf("long"), search: "l07" })).toEqual([slugOf("l07")]);
    expect(await list({ track: slugOf("none") })).toEqual([]);
    const empty = await t.gql(LIST, { filter: { track: " " } });
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
