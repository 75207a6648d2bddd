import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeVtiger } from "@/e2e/fakes/vtiger/fake-vtiger-server";
import { db } from "@/server/db";
import { createPool } from "@/server/db-pool";
import { PrismaClient } from "@/server/generated/prisma/client";
import { ConnectorError } from "../../connector";
import { VtigerClient } from "./vtiger-client";
import { SharedRatePacer } from "./vtiger-rate-limit";

// A second client with its own pool stands for a second app instance.
const otherInstance = new PrismaClient({ adapter: new PrismaPg(createPool(process.env.DATABASE_URL!, 2)) });
afterAll(() => otherInstance.$disconnect());

const NOW = 1_760_000_000_000;
const headers = (h: Record<string, string>) => new Headers(h);

describe("SharedRatePacer", () => {
  it("spends one bucket from every instance: calls sent by one make the other wait", async () => {
    const account = `vtiger:test-${randomUUID()}`;
    const a = new SharedRatePacer(db, account);
    const b = new SharedRatePacer(otherInstance, account);
    expect(await b.delayBeforeNextCall(NOW)).toBe(0);
    await a.observe(headers({ "X-FloodControl-Remaining": "2", "X-FloodControl-Reset": String(NOW / 1000 + 20) }), NOW);
    await a.noteSent();
    expect(await b.delayBeforeNextCall(NOW)).toBe(0);
    await b.noteSent(); // the last call of the window, sent by the other instance
    expect(await a.delayBeforeNextCall(NOW)).toBe(20_000);
    expect(await a.delayBeforeNextCall(NOW + 21_000)).toBe(0);
    expect(b.snapshot().flood).toMatchObject({ remaining: 1, resetAtMs: NOW + 20_000 });
  });

  it("keeps what an answer without rate headers does not mention, and forgets the minute bucket after a wait", async () => {
    const account = `vtiger:test-${randomUUID()}`;
    const a = new SharedRatePacer(db, account);
    await a.observe(headers({ "X-FloodControl-Remaining": "0", "X-FloodControl-Reset": String(NOW / 1000 + 30), "X-RateLimit-Remaining": "500" }), NOW);
    await a.observe(headers({}), NOW);
    expect(await a.delayBeforeNextCall(NOW)).toBe(30_000);
    await a.markWaited();
    expect(await a.delayBeforeNextCall(NOW)).toBe(0);
    const row = await db.crmRatePacing.findUniqueOrThrow({ where: { key: account } });
    expect([row.floodRemaining, row.quotaRemaining]).toEqual([null, 500]);
  });

  it("is advice: without PostgreSQL the call goes ahead instead of failing work the CRM would take", async () => {
    const down = () => Promise.reject(new Error("connection terminated"));
    const unreachable = { crmRatePacing: { findUnique: down, upsert: down }, $executeRaw: down } as unknown as typeof db;
    const pacer = new SharedRatePacer(unreachable, "vtiger:down");
    await expect(pacer.observe(headers({ "X-FloodControl-Remaining": "0", "X-FloodControl-Reset": String(NOW / 1000 + 30) }), NOW)).resolves.toBeUndefined();
    await expect(pacer.noteSent()).resolves.toBeUndefined();
    await expect(pacer.markWaited()).resolves.toBeUndefined();
    expect(await pacer.delayBeforeNextCall(NOW)).toBe(0);
  });

  it("a second instance's client does not spend a call the first one used up (the CRM never answers 429)", async () => {
    const fake = await startFakeVtiger({ rateLimit: { perMinute: 4 } });
    try {
      const account = `vtiger:${fake.url}|admin`;
      await db.crmRatePacing.deleteMany({ where: { key: account } });
      const clientOf = (instance: typeof db) =>
        new VtigerClient({
          baseUrl: fake.url,
          username: "admin",
          accessKey: "fake-access-key",
          now: fake.clock.now,
          maxRateLimitWaitMs: 1_000,
          pacer: new SharedRatePacer(instance, account),
        });
      const first = clientOf(db);
      // getchallenge + login + 2 listtypes: the minute's 4 calls.
      await first.listTypes();
      await first.listTypes();
      const before = fake.calls.length;
      const second = clientOf(otherInstance);
      const error = await second.listTypes().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe("rate_limited");
      expect(fake.calls.length).toBe(before);
      expect(fake.calls.some((c) => c.httpStatus === 429)).toBe(false);
    } finally {
      await fake.close();
    }
  });
});
