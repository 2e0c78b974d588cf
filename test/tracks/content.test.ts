import { describe, expect, it } from "@jest/globals";
import { CONTENT_DIR, loadQuestionFiles, loadTopics, loadTrackFiles, PROBLEMS_DIR } from "../../seed/load-content.ts";
import type { QuestionContent } from "../../src/modules/content/content-schema.ts";
import type { TrackContent } from "../../src/modules/tracks/content-schema.ts";

/**
 * The shipped tracks, checked on the files: the seed skips an unknown item with a warning (a track may list items
 * still being written), so this test is what keeps a shipped track from naming a question that does not exist.
 */
async function shipped(): Promise<{ questions: Map<string, QuestionContent>; tracks: TrackContent[] }> {
  const topics = await loadTopics(CONTENT_DIR);
  if (!topics.ok) throw new Error(topics.reason);
  const files = await loadQuestionFiles([CONTENT_DIR, PROBLEMS_DIR], new Set(topics.topics.map((t) => t.slug)));
  const questions = new Map<string, QuestionContent>();
  for (const file of files) {
    if (!file.ok) throw new Error(`${file.path}: ${file.reason}`);
    questions.set(file.prepared.content.slug, file.prepared.content);
  }
  const loaded = await loadTrackFiles(CONTENT_DIR);
  const tracks = loaded.files.map((file) => {
    if (!file.ok) throw new Error(`${file.path}: ${file.reason}`);
    return file.content;
  });
  return { questions, tracks };
}

describe("shipped tracks", () => {
  it("every track file is valid, and every item is a published question of the shipped content", async () => {
    const { questions, tracks } = await shipped();
    expect(tracks.length).toBeGreaterThanOrEqual(3);
    for (const track of tracks) {
      const unknown = track.items.filter((slug) => questions.get(slug)?.status !== "PUBLISHED");
      expect({ track: track.slug, unknown }).toEqual({ track: track.slug, unknown: [] });
    }
  });

  it("has the three tracks of the catalogue, each with a title and description in both languages", async () => {
    const { tracks } = await shipped();
    const slugs = tracks.map((track) => track.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(["classic-deep-learning", "llm-inference-serving", "training-at-scale"]),
    );
    expect(new Set(tracks.map((track) => track.order)).size).toBe(tracks.length);
  });

  it("the classic track holds every question and exercise of the source article", async () => {
    const { questions, tracks } = await shipped();
    const classic = tracks.find((track) => track.slug === "classic-deep-learning");
    const fromArticle = [...questions.values()].filter((question) => question.source).map((q) => q.slug);
    expect(fromArticle.length).toBeGreaterThanOrEqual(30);
    expect(classic?.items).toEqual(expect.arrayContaining(fromArticle));
  });

  it("puts a concept question before the problems of the same track that practise it", async () => {
    const { questions, tracks } = await shipped();
    for (const track of tracks) {
      for (const [index, slug] of track.items.entries()) {
        // A problem may practise several concepts (kfold-indices: tuning and leakage): one of them comes first.
        const inTrack = (questions.get(slug)?.related?.concepts ?? []).filter((c) => track.items.includes(c));
        const before = inTrack.filter((concept) => track.items.indexOf(concept) < index);
        expect({ track: track.slug, slug, conceptFirst: inTrack.length === 0 || before.length > 0 }).toEqual({
          track: track.slug,
          slug,
          conceptFirst: true,
        });
      }
    }
  });

  it("the inference and training tracks start from today's items that fit them", async () => {
    const { tracks } = await shipped();
    const items = (slug: string) => tracks.find((track) => track.slug === slug)?.items ?? [];
    expect(items("llm-inference-serving")).toEqual(
      expect.arrayContaining([
        "softmax",
        "online-softmax",
        "layer-norm",
        "scaled-dot-product-attention",
        "quantize-int8",
      ]),
    );
    const inference = items("llm-inference-serving");
    expect(inference.indexOf("online-softmax")).toBeLessThan(inference.indexOf("scaled-dot-product-attention"));
    expect(items("training-at-scale")).toEqual(
      expect.arrayContaining(["distributed-training-framework", "ring-allreduce"]),
    );
  });
});
