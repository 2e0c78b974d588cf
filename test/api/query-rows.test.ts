import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db, parseUtcTimestamp, queryRows } from "../../src/db.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createQuestion } from "../helpers/fixtures.ts";

let direct: Db;
let logged: Db;

beforeAll(() => {
  direct = createDb({ url: testDatabaseUrl(), poolSize: 2 });
  logged = createDb({ url: testDatabaseUrl(), poolSize: 2, logQueries: true });
});
afterAll(async () => {
  await direct.$disconnect();
  await logged.$disconnect();
});

describe("queryRows", () => {
  it("returns a row as Prisma does: UTC timestamps, parsed JSON, enums as text", async () => {
    const createdAt = new Date("2026-03-04T05:06:07.089Z");
    const made = await createQuestion(direct, "query-rows", {
      createdAt,
      keyPoints: [{ zh: "要点", en: "point" }],
      difficulty: "HARD",
    });
    const sql = Prisma.sql`SELECT * FROM "Question" WHERE id = ${made.id}::uuid`;
    const [straight] = await queryRows<typeof made>(direct, sql);
    const [throughPrisma] = await queryRows<typeof made>(logged, sql);
    expect(straight?.createdAt).toEqual(createdAt);
    expect(straight).toEqual(made);
    expect(throughPrisma).toEqual(made);
  });

  it("reads a timestamp column as UTC whatever the process's time zone", () => {
    expect(parseUtcTimestamp("2026-03-04 05:06:07.089")).toEqual(new Date("2026-03-04T05:06:07.089Z"));
    expect(parseUtcTimestamp("2026-03-04 05:06:07")).toEqual(new Date("2026-03-04T05:06:07Z"));
  });

  it("closes its pool on $disconnect, even when every statement went straight to pg", async () => {
    const db = createDb({ url: testDatabaseUrl(), poolSize: 1 });
    expect(await queryRows(db, Prisma.sql`SELECT 1::int AS one`)).toEqual([{ one: 1 }]);
    await db.$disconnect();
    await expect(queryRows(db, Prisma.sql`SELECT 1`)).rejects.toThrow(/after calling end/);
  });

  it("sends through Prisma when the client logs queries, so its events count every statement", async () => {
    const statements: string[] = [];
    logged.$on("query", (event) => statements.push(event.query));
    await queryRows(logged, Prisma.sql`SELECT 1 AS one`);
    expect(statements).toEqual(["SELECT 1 AS one"]);
  });
});
