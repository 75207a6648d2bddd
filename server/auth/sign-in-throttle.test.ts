import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { settleBackgroundWork } from "./background-work";
import { LINK_LIMITS } from "./link-request";
import { AUTH_TEST_ORIGIN, requestMagicLink, requestMagicLinkAnswer, signInWithPassword } from "@/server/audit/testing/auth-route-driver";

// Every attempt goes through the real next-auth route.
process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;

const PASSWORD = "Tr0ub4dor&3-throttle-secret";
const WRONG = "wrong-Passw0rd-throttle-guess";
const ATTACKER = { ip: "203.0.113.66" };
const OWNER = { ip: "198.51.100.20" };
let email: string;

beforeAll(async () => {
  const org = await createTestOrganisation({ kind: "PROVIDER" });
  const user = await db.user.create({
    data: { email: "owner.throttle@example.test", passwordHash: await hashPassword(PASSWORD), memberships: { create: { organisationId: org.id, role: "AGENT" } } },
  });
  email = user.email;
});

beforeEach(async () => {
  await db.loginEvent.deleteMany();
  await db.authThrottle.deleteMany();
  await db.outboxEmail.deleteMany();
  await db.auditSettings.deleteMany();
});

const reasons = async () => {
  const rows = await db.loginEvent.findMany({ where: { kind: "SIGN_IN" }, select: { failureReason: true } });
  return { checked: rows.filter((r) => r.failureReason === "BAD_PASSWORD").length, refused: rows.filter((r) => r.failureReason === "RATE_LIMITED").length };
};

describe("password lock-out", () => {
  it("50 parallel wrong passwords run no more password checks than the limit of 10", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => signInWithPassword(email, WRONG, ATTACKER)));
    expect(results.every((r) => !r.ok)).toBe(true);
    const { checked, refused } = await reasons();
    // Each BAD_PASSWORD row is one scrypt check; RATE_LIMITED attempts never reach it.
    expect(checked).toBe(10);
    expect(refused).toBe(40);
  });

  it("an attacker locks out only their own address: the owner still signs in from theirs", async () => {
    for (let i = 0; i < 10; i++) await signInWithPassword(email, WRONG, ATTACKER);
    const locked = await signInWithPassword(email, PASSWORD, ATTACKER);
    expect(locked.ok).toBe(false);
    expect((await signInWithPassword(email, PASSWORD, OWNER)).ok).toBe(true);
  });

  it("tells the locked-out person when they can try again", async () => {
    for (let i = 0; i < 10; i++) await signInWithPassword(email, WRONG, ATTACKER);
    const locked = await signInWithPassword(email, WRONG, ATTACKER);
    const message = new URL(locked.url).searchParams.get("error") ?? "";
    const at = message.match(/Try again after (\d\d):(\d\d) UTC/);
    expect(at, message).not.toBeNull();
    // The window is 15 minutes from the first counted failure.
    const row = await db.authThrottle.findFirstOrThrow({ where: { key: { startsWith: "pw|" } } });
    const retry = new Date(row.windowStart.getTime() + 15 * 60_000);
    expect(`${at?.[1]}:${at?.[2]}`).toBe(retry.toISOString().slice(11, 16));
  });

  it("retrying while locked does not extend the lock (refusals take no slot)", async () => {
    await db.auditSettings.create({ data: { rateLimitPerLogin: 2, rateLimitPerIp: 0, rateLimitWindowMinutes: 15 } });
    for (let i = 0; i < 5; i++) await signInWithPassword(email, WRONG, ATTACKER);
    const row = await db.authThrottle.findFirstOrThrow({ where: { key: { startsWith: "pw|" } } });
    expect(row.count).toBe(2);
  });
});

describe("magic-link requests", () => {
  it("20 requests for one address queue at most the per-address limit of e-mails", async () => {
    await Promise.all(Array.from({ length: 20 }, () => requestMagicLink(email, OWNER)));
    await settleBackgroundWork();
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(LINK_LIMITS.perLogin);
    const refused = await db.loginEvent.count({ where: { kind: "MAGIC_LINK_REQUEST", failureReason: "RATE_LIMITED" } });
    expect(refused).toBe(20 - LINK_LIMITS.perLogin);
  });

  it("one client address can ask for links for at most the per-client limit of addresses", async () => {
    for (let i = 0; i < LINK_LIMITS.perAddress + 5; i++) await requestMagicLink(`probe${i}@example.test`, ATTACKER);
    const rows = await db.loginEvent.findMany({ where: { kind: "MAGIC_LINK_REQUEST", ip: ATTACKER.ip } });
    expect(rows.filter((r) => r.failureReason === "RATE_LIMITED")).toHaveLength(5);
  });

  it("the answer does not wait for the address-dependent work: it comes while the token and outbox tables are locked", async () => {
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`LOCK TABLE "VerificationToken", "OutboxEmail" IN ACCESS EXCLUSIVE MODE`);
      const known = await requestMagicLinkAnswer(email, OWNER);
      const unknown = await requestMagicLinkAnswer("nobody.throttle@example.test", OWNER);
      expect(known.status).toBe(unknown.status);
      expect(await known.json()).toEqual(await unknown.json());
      await blocker.query("COMMIT");
    } finally {
      await blocker.end();
    }
    await settleBackgroundWork();
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: "nobody.throttle@example.test" } })).toBe(0);
  });
});

afterAll(async () => {
  await settleBackgroundWork();
});
