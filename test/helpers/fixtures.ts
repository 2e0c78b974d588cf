import type { Db } from "../../src/db.ts";
import type { Question } from "../../src/generated/prisma/client.ts";
import { uniqueSuffix } from "./env.ts";

export type QuestionFixture = {
  slug?: string;
  kind?: "CONCEPT" | "CODING";
  difficulty?: "EASY" | "MEDIUM" | "HARD";
  status?: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  titleZh?: string;
  titleEn?: string;
  bodyZh?: string;
  topicSlugs?: string[];
  createdAt?: Date;
};

/** Creates a topic whose slug is unique to this test run. */
export async function createTopic(db: Db, base: string) {
  const slug = `${base}-${uniqueSuffix()}`;
  return db.topic.create({ data: { slug, nameZh: `主题 ${base}`, nameEn: `Topic ${base}` } });
}

/** Inserts a question row directly (the content service has its own tests); the search text mirrors what it stores. */
export async function createQuestion(db: Db, fixture: QuestionFixture = {}): Promise<Question> {
  const slug = fixture.slug ?? `q-${uniqueSuffix()}`;
  const titleZh = fixture.titleZh ?? `问题 ${slug}`;
  const titleEn = fixture.titleEn ?? `Question ${slug}`;
  const bodyZh = fixture.bodyZh ?? "请回答。";
  return db.question.create({
    data: {
      slug,
      kind: fixture.kind ?? "CONCEPT",
      difficulty: fixture.difficulty ?? "EASY",
      status: fixture.status ?? "PUBLISHED",
      titleZh,
      titleEn,
      bodyZh,
      answerZh: "答案",
      searchText: [titleZh, titleEn, bodyZh].join("\n").toLowerCase(),
      createdAt: fixture.createdAt,
      topics: fixture.topicSlugs
        ? { create: fixture.topicSlugs.map((topicSlug) => ({ topic: { connect: { slug: topicSlug } } })) }
        : undefined,
    },
  });
}
