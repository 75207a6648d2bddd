import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { createPool } from "./db-pool";
import { db } from "./db";
import { PrismaClient } from "./generated/prisma/client";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports the database up with its latency", async () => {
    const report = await checkHealth(db);
    expect(report).toMatchObject({ ok: true, database: "up" });
  });

  it("reports the database down with a reason when nothing answers", async () => {
    const unreachable = new PrismaClient({
      adapter: new PrismaPg(createPool("postgresql://postgres:postgres@127.0.0.1:1/none", 1)),
    });
    const report = await checkHealth(unreachable, 2000);
    expect(report.ok).toBe(false);
    // Only our words: Prisma's "Invalid `db.$queryRaw()` invocation in …" stays in the log.
    expect(report).toEqual({ ok: false, database: "down", reason: "database unreachable" });
    await unreachable.$disconnect();
  });
});
