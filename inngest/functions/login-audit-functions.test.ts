import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGeo, type FakeGeoServer } from "@/e2e/fakes/geo/fake-geo-server";
import { buildLoginEventData } from "@/server/audit/record-login-event";
import { db } from "@/server/db";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { checkLoginBursts } from "./check-login-bursts";
import { enrichLoginGeo } from "./enrich-login-geo";
import { purgeLoginEvents } from "./purge-login-events";

const CRON_TICK = [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }] as const;
let geo: FakeGeoServer;

beforeAll(async () => {
  geo = await startFakeGeo();
  // Private addresses need no DNS; public ones ask the fake, and the system resolver's PTR answer is not asserted.
  process.env.GEO_ENDPOINT = geo.url;
  process.env.REVERSE_DNS_TIMEOUT_MS = "200";
  await createTestUser("PROVIDER_ADMIN", await createTestOrganisation({ kind: "PROVIDER" }));
});
afterAll(async () => {
  delete process.env.GEO_ENDPOINT;
  delete process.env.REVERSE_DNS_TIMEOUT_MS;
  await geo.close();
});
beforeEach(async () => {
  await db.loginEvent.deleteMany();
});

function row(ip: string, login = "fn@example.test", daysAgo = 0, success = false) {
  return db.loginEvent.create({
    data: buildLoginEventData({
      kind: "sign_in",
      method: "password",
      login,
      userId: null,
      success,
      reason: success ? null : "bad_password",
      ip,
      userAgent: "",
      occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
    }),
  });
}

describe("login-audit Inngest functions", () => {
  it("enrich-login-geo resolves pending rows with the configured endpoint", async () => {
    await row("10.0.0.1");
    await row("8.8.8.8");
    const { result, error } = await new InngestTestEngine({ function: enrichLoginGeo }).execute({ events: [...CRON_TICK] });
    expect(error).toBeFalsy();
    expect(result).toMatchObject({ processed: 2, done: 1, private: 1 });
    expect(geo.requests).toContain("8.8.8.8");
  });

  it("check-login-bursts checks the login of a failure event", async () => {
    for (let i = 0; i < 5; i++) await row("203.0.113.9", "fn.event@example.test");
    const { result } = await new InngestTestEngine({ function: checkLoginBursts }).execute({
      events: [{ name: "audit/login.failed", data: { login: "fn.event@example.test" } }],
    });
    expect(result).toMatchObject({ login: "fn.event@example.test", sent: true });
  });

  it("check-login-bursts sweeps all logins on its cron", async () => {
    for (let i = 0; i < 5; i++) await row("203.0.113.9", "fn.cron@example.test");
    const { result } = await new InngestTestEngine({ function: checkLoginBursts }).execute({ events: [...CRON_TICK] });
    expect(result).toEqual([expect.objectContaining({ login: "fn.cron@example.test", sent: true })]);
  });

  it("purge-login-events deletes rows past retention", async () => {
    await row("203.0.113.9", "old@example.test", 400, true);
    await row("203.0.113.9", "new@example.test", 1, true);
    const { result } = await new InngestTestEngine({ function: purgeLoginEvents }).execute({ events: [...CRON_TICK] });
    expect(result).toMatchObject({ deleted: 1 });
    expect((await db.loginEvent.findMany()).map((r) => r.login)).toEqual(["new@example.test"]);
  });
});
