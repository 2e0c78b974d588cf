import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { stringify } from "yaml";
import { runSeed, type SeedReport } from "../../seed/run-seed.ts";
import { createDb, type Db } from "../../src/db.ts";
import { testDatabaseUrl, uniqueSuffix } from "../helpers/env.ts";
import { conceptContent } from "../helpers/fixtures.ts";

/** Track files through `runSeed`, in a content directory of this file's own (slugs carry a unique prefix). */
let db: Db;
let dir: string;
const suffix = uniqueSuffix();
const prefix = `trk-${suffix}-`;
const topic = `trk-topic-${suffix}`;
const q = (name: string) => `${prefix}${name}`;

function trackFile(slug: string, items: string[], overrides: Record<string, unknown> = {}) {
  return {
    slug,
    order: 5,
    level: "BEGINNER",
    title: { zh: "测试路线", en: "A test track" },
    description: { zh: "按顺序学。", en: "Learn in order." },
    items,
    ...overrides,
  };
}

async function writeTrack(name: string, content: unknown): Promise<string> {
  const path = join(dir, "tracks", name);
  await writeFile(path, typeof content === "string" ? content : stringify(content));
  return path;
}

async function writeConcept(name: string): Promise<void> {
  await writeFile(join(dir, "concepts", `${name}.yaml`), stringify(conceptContent(q(name), [topic])));
}

async function seed(options: { dryRun?: boolean; log?: string[] } = {}): Promise<SeedReport> {
  const lines = options.log;
  return runSeed({
    db,
    dir,
    slugPrefix: prefix,
    dryRun: options.dryRun ?? false,
    log: lines ? (line) => lines.push(line) : undefined,
  });
}

async function storedItems(slug: string): Promise<string[]> {
  const track = await db.track.findUnique({
    where: { slug },
    include: { items: { orderBy: { position: "asc" }, include: { question: { select: { slug: true } } } } },
  });
  return track ? track.items.map((item) => item.question.slug) : [];
}

beforeAll(async () => {
  db = createDb({ url: testDatabaseUrl(), poolSize: 4 });
  dir = await mkdtemp(join(tmpdir(), "track-seed-test-"));
  await mkdir(join(dir, "concepts"));
  await mkdir(join(dir, "tracks"));
  await writeFile(join(dir, "topics.yaml"), stringify([{ slug: topic, zh: "测试主题", en: "Test topic" }]));
  for (const name of ["a", "b", "c"]) await writeConcept(name);
});

afterAll(async () => {
  await db.track.deleteMany({ where: { slug: { startsWith: prefix } } });
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

describe("seeding tracks", () => {
  it("creates tracks by slug with their items in order; a second run changes nothing; a dry run writes nothing", async () => {
    await writeTrack("first.yaml", trackFile(q("first"), [q("b"), q("a"), q("c")]));
    const planned = await seed({ dryRun: true });
    expect(planned.tracks.created).toEqual([q("first")]);
    expect(await db.track.findUnique({ where: { slug: q("first") } })).toBeNull();

    const first = await seed();
    // The track files are not question files: only the three concepts were imported as questions.
    expect(first.failed).toEqual([]);
    expect(first.created.sort()).toEqual([q("a"), q("b"), q("c")]);
    expect(first.tracks).toMatchObject({ present: true, created: [q("first")], unknownItems: [], failed: [] });
    expect(await storedItems(q("first"))).toEqual([q("b"), q("a"), q("c")]);

    const lines: string[] = [];
    const second = await seed({ log: lines });
    expect(second.tracks).toMatchObject({ created: [], updated: [], unchanged: [q("first")], removed: [] });
    expect(lines).toContain("tracks: created 0, updated 0, unchanged 1, removed 0, unknown items 0, failed 0");
    expect(lines.at(-1)).toBe("no changes: created 0, updated 0, unchanged 3, archived 0, failed 0");
  });

  it("updates a track whose text or order changed", async () => {
    await writeTrack("first.yaml", trackFile(q("first"), [q("c"), q("a")], { level: "ADVANCED" }));
    const report = await seed();
    expect(report.tracks.updated).toEqual([q("first")]);
    expect(await storedItems(q("first"))).toEqual([q("c"), q("a")]);
    expect((await db.track.findUniqueOrThrow({ where: { slug: q("first") } })).level).toBe("ADVANCED");
  });

  it("reports a broken file with its path and reason, and imports the other tracks", async () => {
    const badYaml = await writeTrack("broken.yaml", "slug: [unclosed\n");
    const noEnglish = await writeTrack(
      "no-english.yaml",
      trackFile(q("no-english"), [q("a")], { title: { zh: "只有中文" } }),
    );
    const repeated = await writeTrack("repeated.yaml", trackFile(q("repeated"), [q("a"), q("a")]));
    await writeTrack("second.yaml", trackFile(q("second"), [q("a"), q("b")]));
    const report = await seed();
    expect(report.tracks.created).toEqual([q("second")]);
    const failed = Object.fromEntries(report.tracks.failed.map((failure) => [failure.path, failure.reason]));
    expect(Object.keys(failed).sort()).toEqual([badYaml, noEnglish, repeated].sort());
    expect(failed[badYaml]).toMatch(/^yaml: invalid YAML/);
    expect(failed[noEnglish]).toMatch(/^schema: .*title\.en/);
    expect(failed[repeated]).toMatch(/listed twice/);
    // Question files are unaffected by broken track files; a file whose slug cannot be read stops removals.
    expect(report.failed).toEqual([]);
    expect(report.tracks.removeSkipped).toMatch(/1 track file\(s\) could not be parsed/);
    expect(await storedItems(q("first"))).toEqual([q("c"), q("a")]);
    for (const path of [badYaml, noEnglish, repeated]) await unlink(path);
  });

  it("skips an item that is not a question yet with a warning, and links it once the question exists", async () => {
    const path = await writeTrack("second.yaml", trackFile(q("second"), [q("a"), q("later"), q("b")]));
    const lines: string[] = [];
    const report = await seed({ log: lines });
    expect(report.tracks.unknownItems).toEqual([{ track: q("second"), path, slug: q("later") }]);
    expect(lines).toContain(
      `WARNING    track ${q("second")} (${path}): item "${q("later")}" is not a question yet; skipped`,
    );
    expect(report.tracks.unchanged).toContain(q("second"));
    expect(await storedItems(q("second"))).toEqual([q("a"), q("b")]);

    await writeConcept("later");
    const linked = await seed();
    expect(linked.created).toEqual([q("later")]);
    expect(linked.tracks.unknownItems).toEqual([]);
    expect(linked.tracks.updated).toEqual([q("second")]);
    expect(await storedItems(q("second"))).toEqual([q("a"), q("later"), q("b")]);
  });

  it("removes a track whose file is gone (learners' progress lives on the questions)", async () => {
    await unlink(join(dir, "tracks", "second.yaml"));
    const planned = await seed({ dryRun: true });
    expect(planned.tracks.removed).toEqual([q("second")]);
    expect(await db.track.findUnique({ where: { slug: q("second") } })).not.toBeNull();
    const report = await seed();
    expect(report.tracks.removed).toEqual([q("second")]);
    expect(await db.track.findUnique({ where: { slug: q("second") } })).toBeNull();
    expect(await storedItems(q("first"))).toEqual([q("c"), q("a")]);
  });
});
