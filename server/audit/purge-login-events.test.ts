import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { buildLoginEventData } from "./record-login-event";
import { purgeExpiredLoginEvents } from "./purge-login-events";

const DAY = 86_400_000;
const now = new Date("2026-11-20T12:00:00Z");

async function rowAged(days: number) {
  const data = buildLoginEventData({
    kind: "sign_in",
    method: "password",
    login: `aged-${days}@example.test`,
    userId: null,
    success: true,
    reason: null,
    ip: "203.0.113.1",
    userAgent: "",
    occurredAt: new Date(now.getTime() - days * DAY),
  });
  return db.loginEvent.create({ data });
}

beforeEach(async () => {
  await db.loginEvent.deleteMany();
  await db.auditSettings.deleteMany();
  await Promise.all([400, 366, 364, 10, 0].map(rowAged));
});

const remainingLogins = async () => (await db.loginEvent.findMany({ orderBy: { occurredAt: "asc" } })).map((r) => r.login);

describe("retention", () => {
  it("deletes only rows older than the default 365 days", async () => {
    const result = await purgeExpiredLoginEvents(db, { now });
    expect(result).toMatchObject({ retentionDays: 365, deleted: 2, cutoff: new Date(now.getTime() - 365 * DAY) });
    expect(await remainingLogins()).toEqual(["aged-364@example.test", "aged-10@example.test", "aged-0@example.test"]);
  });

  it("follows the saved setting", async () => {
    await db.auditSettings.create({ data: { retentionDays: 30 } });
    expect((await purgeExpiredLoginEvents(db, { now })).deleted).toBe(3);
    expect(await remainingLogins()).toEqual(["aged-10@example.test", "aged-0@example.test"]);
  });

  it("keeps everything when retention is 0", async () => {
    await db.auditSettings.create({ data: { retentionDays: 0 } });
    expect(await purgeExpiredLoginEvents(db, { now })).toEqual({ retentionDays: 0, cutoff: null, deleted: 0 });
    expect(await db.loginEvent.count()).toBe(5);
  });
});
