import type { Db } from "../../src/db.ts";
import type { $Enums, Question, Topic, User } from "../../src/generated/prisma/client.ts";
import { uniqueSuffix } from "../helpers/env.ts";

/** Named fixtures for progress tests: every row gets a unique slug/handle so test files never collide. */

export async function createLearner(db: Db, name: string, timeZone = "UTC"): Promise<User> {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: `${name}-${suffix}@example.test`,
      handle: `${name}-${suffix}`.slice(0, 32),
      passwordHash: "scrypt$not-used-in-progress-tests",
      timeZone,
    },
  });
}

export async function createTopic(db: Db, name: string): Promise<Topic> {
  const slug = `${name}-${uniqueSuffix()}`;
  return db.topic.create({ data: { slug, nameZh: `话题 ${name}`, nameEn: `Topic ${name}` } });
}

export type QuestionFixture = {
  kind?: $Enums.QuestionKind;
  difficulty?: $Enums.Difficulty;
  status?: $Enums.QuestionStatus;
  topics?: Topic[];
  keyPoints?: unknown[];
  createdAt?: Date;
};

export async function createQuestion(db: Db, name: string, fixture: QuestionFixture = {}): Promise<Question> {
  return db.question.create({
    data: {
      slug: `${name}-${uniqueSuffix()}`,
      kind: fixture.kind ?? "CONCEPT",
      difficulty: fixture.difficulty ?? "EASY",
      status: fixture.status ?? "PUBLISHED",
      titleZh: `题目 ${name}`,
      bodyZh: "题干",
      answerZh: "答案",
      keyPoints: (fixture.keyPoints ?? []) as object[],
      createdAt: fixture.createdAt,
      topics: { create: (fixture.topics ?? []).map((topic) => ({ topicId: topic.id })) },
    },
  });
}
