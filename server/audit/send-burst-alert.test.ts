import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { recordLoginEvent } from "./record-login-event";
import { checkLoginBurst, checkRecentLoginBursts } from "./send-burst-alert";
import { AUTH_TEST_ORIGIN, signInWithPassword } from "./testing/auth-route-driver";

process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;
const MINUTE = 60_000;
const WRONG = "burst-Wrong-pass-123";
let adminEmails: string[];

beforeAll(async () => {
  const provider = await createTestOrganisation({ kind: "PROVIDER" });
  const admins = [await createTestUser("PROVIDER_ADMIN", provider), await createTestUser("PROVIDER_ADMIN", provider)];
  const retired = await createTestUser("PROVIDER_ADMIN", provider);
  await db.user.update({ where: { id: retired.id }, data: { disabledAt: new Date() } });
  await createTestUser("AGENT", provider);
  await createTestUser("CLIENT_ADMIN");
  adminEmails = admins.map((a) => a.email).sort();
});

beforeEach(async () => {
  await db.auditSettings.deleteMany();
  await db.loginAlert.deleteMany();
});

async function fail(login: string, at: Date, ip = "203.0.113.50") {
  await recordLoginEvent(db, {
    kind: "sign_in",
    method: "password",
    login,
    userId: null,
    success: false,
    reason: "bad_password",
    ip,
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    occurredAt: at,
  });
}

const alertsTo = (login: string) => db.outboxEmail.findMany({ where: { category: "login-alert", subject: { contains: login } }, orderBy: { to: "asc" } });

describe("failed-login burst alerts", () => {
  it("fire once at the threshold, to every active provider admin, and not again within the cooldown", async () => {
    const login = "target.one@example.test";
    const now = Date.now();
    for (let i = 4; i >= 1; i--) await fail(login, new Date(now - i * MINUTE));
    expect(await checkLoginBurst(db, login, { now: new Date(now) })).toMatchObject({ sent: false, reason: "below_threshold", recentCount: 4 });
    expect(await alertsTo(login)).toHaveLength(0);

    await fail(login, new Date(now));
    const fifth = await checkLoginBurst(db, login, { now: new Date(now), appUrl: "https://switchboard.example" });
    expect(fifth).toMatchObject({ sent: true, reason: "threshold_reached", recentCount: 5 });
    const mails = await alertsTo(login);
    expect(mails.map((m) => m.to)).toEqual(adminEmails);
    expect(mails[0]!.subject).toBe(`[Switchboard] 5 failed sign-in attempts for ${login}`);
    expect(mails[0]!.text).toContain("203.0.113.50");
    expect(mails[0]!.text).toContain("Wrong password");
    expect(mails[0]!.text).toContain("Safari 17 on Mac OS 10.15.7");
    expect(mails[0]!.text).toContain(`https://switchboard.example/audit/failures?login=${encodeURIComponent(login)}`);

    await fail(login, new Date(now + MINUTE));
    expect(await checkLoginBurst(db, login, { now: new Date(now + MINUTE) })).toMatchObject({ sent: false, reason: "cooldown" });
    expect(await alertsTo(login)).toHaveLength(2);
    expect(await db.loginAlert.findUniqueOrThrow({ where: { login } })).toMatchObject({ failureCount: 5, alertCount: 1 });

    // After the cooldown a new burst alerts again; the old failures alone would not.
    const later = now + 61 * MINUTE;
    expect(await checkLoginBurst(db, login, { now: new Date(later) })).toMatchObject({ sent: false, reason: "below_threshold" });
    for (let i = 0; i < 5; i++) await fail(login, new Date(later - i * MINUTE));
    expect(await checkLoginBurst(db, login, { now: new Date(later) })).toMatchObject({ sent: true });
    expect(await alertsTo(login)).toHaveLength(4);
    expect(await db.loginAlert.findUniqueOrThrow({ where: { login } })).toMatchObject({ alertCount: 2 });
  });

  it("concurrent checks of the same burst send one alert", async () => {
    const login = "target.race@example.test";
    const now = new Date();
    for (let i = 0; i < 6; i++) await fail(login, new Date(now.getTime() - i * 1000));
    const results = await Promise.all(Array.from({ length: 4 }, () => checkLoginBurst(db, login, { now })));
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await alertsTo(login)).toHaveLength(adminEmails.length);
  });

  it("honour the kill switch and the configured threshold and window", async () => {
    const login = "target.settings@example.test";
    const now = new Date();
    await db.auditSettings.create({ data: { burstThreshold: 2, burstWindowMinutes: 5, alertsEnabled: false } });
    await fail(login, new Date(now.getTime() - 10 * MINUTE));
    await fail(login, new Date(now.getTime() - MINUTE));
    await fail(login, now);
    expect(await checkLoginBurst(db, login, { now })).toMatchObject({ sent: false, reason: "disabled" });

    await db.auditSettings.update({ where: { id: 1 }, data: { alertsEnabled: true } });
    const result = await checkLoginBurst(db, login, { now });
    // The failure 10 minutes ago is outside the 5-minute window.
    expect(result).toMatchObject({ sent: true, recentCount: 2 });
    expect((await alertsTo(login))[0]!.subject).toContain("2 failed sign-in attempts");
  });

  it("the cron sweep finds every login over the threshold", async () => {
    await db.loginEvent.deleteMany();
    const now = new Date();
    for (const login of ["sweep.a@example.test", "sweep.b@example.test"]) {
      for (let i = 0; i < 5; i++) await fail(login, new Date(now.getTime() - i * MINUTE));
    }
    await fail("sweep.quiet@example.test", now);
    const results = await checkRecentLoginBursts(db, { now });
    expect(results.filter((r) => r.sent).map((r) => r.login).sort()).toEqual(["sweep.a@example.test", "sweep.b@example.test"]);
  });

  it("wrong passwords through the real sign-in route alert at the fifth failure, once", async () => {
    const org = await createTestOrganisation({ kind: "PROVIDER" });
    const user = await db.user.create({
      data: { email: "victim@example.test", passwordHash: await hashPassword("the-right-one"), memberships: { create: { organisationId: org.id, role: "AGENT" } } },
    });
    for (let i = 1; i <= 4; i++) await signInWithPassword(user.email, WRONG, { ip: "198.51.100.66" });
    expect(await alertsTo(user.email)).toHaveLength(0);
    await signInWithPassword(user.email, WRONG, { ip: "198.51.100.66" });
    await signInWithPassword(user.email, WRONG, { ip: "198.51.100.66" });
    const mails = await alertsTo(user.email);
    expect(mails).toHaveLength(adminEmails.length);
    for (const mail of mails) {
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(WRONG);
      expect(mail.text).toContain("198.51.100.66");
    }
  });
});
