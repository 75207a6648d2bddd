import { openOutboxEmail } from "@/server/testing/outbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { AUTH_TEST_ORIGIN, openMagicLink, requestMagicLink, signInWithPassword, signOut } from "./testing/auth-route-driver";

// Every attempt goes through the real next-auth route (app/api/auth/[...nextauth]/route.ts).
process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;
process.env.LOG_LEVEL = "debug";

const PASSWORD = "Tr0ub4dor&3-audit-secret";
const WRONG = "wrong-Passw0rd-audit-guess";
const CLIENT = { ip: "203.0.113.77", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" };

let activeEmail: string;
let activeId: string;
let disabledEmail: string;
let disabledId: string;
const logLines: string[] = [];

beforeAll(async () => {
  const org = await createTestOrganisation({ kind: "PROVIDER" });
  const passwordHash = await hashPassword(PASSWORD);
  const active = await db.user.create({
    data: { email: "active.audit@example.test", name: "Active", passwordHash, memberships: { create: { organisationId: org.id, role: "AGENT" } } },
  });
  const disabled = await db.user.create({
    data: {
      email: "disabled.audit@example.test",
      passwordHash,
      disabledAt: new Date(),
      memberships: { create: { organisationId: org.id, role: "AGENT" } },
    },
  });
  [activeEmail, activeId, disabledEmail, disabledId] = [active.email, active.id, disabled.email, disabled.id];
  // Every log line the sign-ins write, to prove no secret reaches them.
  for (const method of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map(String).join(" "));
    });
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

beforeEach(async () => {
  await db.loginEvent.deleteMany();
  await db.authThrottle.deleteMany();
});

const rows = () => db.loginEvent.findMany({ orderBy: { occurredAt: "asc" } });

describe("every sign-in attempt writes exactly one audit row", () => {
  it("success: the user, result, IP and parsed user agent", async () => {
    const result = await signInWithPassword(activeEmail, PASSWORD, CLIENT);
    expect(result.ok).toBe(true);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      userId: activeId,
      login: activeEmail,
      kind: "SIGN_IN",
      method: "PASSWORD",
      result: "SUCCESS",
      failureReason: null,
      ip: "203.0.113.77",
      userAgentRaw: CLIENT.userAgent,
      browser: "Chrome 120",
      os: "Windows 10",
      deviceType: "DESKTOP",
      isBot: false,
      geoState: "PENDING",
    });
  });

  it("bad password: a failure with the user and BAD_PASSWORD", async () => {
    const result = await signInWithPassword(activeEmail, WRONG, CLIENT);
    expect(result.ok).toBe(false);
    expect(result.url).toContain("error=CredentialsSignin");
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ userId: activeId, login: activeEmail, result: "FAILURE", failureReason: "BAD_PASSWORD" });
  });

  it("unknown user: no user, the typed login kept, UNKNOWN_USER", async () => {
    const result = await signInWithPassword("  Nobody.Here@Example.test ", WRONG, CLIENT);
    expect(result.ok).toBe(false);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ userId: null, login: "nobody.here@example.test", result: "FAILURE", failureReason: "UNKNOWN_USER" });
  });

  it("disabled user: refused with its own message, DISABLED_USER", async () => {
    const result = await signInWithPassword(disabledEmail, PASSWORD, CLIENT);
    expect(result.ok).toBe(false);
    expect(decodeURIComponent(result.url)).toContain("This account is disabled");
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ userId: disabledId, result: "FAILURE", failureReason: "DISABLED_USER" });
  });

  it("bad magic link: INVALID_LINK, and no session", async () => {
    const result = await openMagicLink(
      `${AUTH_TEST_ORIGIN}/api/auth/callback/email?token=${"f".repeat(64)}&email=${encodeURIComponent(activeEmail)}`,
      CLIENT,
    );
    expect(result.ok).toBe(false);
    expect(result.url).toContain("error=Verification");
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ login: activeEmail, kind: "SIGN_IN", method: "MAGIC_LINK", result: "FAILURE", failureReason: "INVALID_LINK" });
  });

  it("magic link: the request, the sign-in, a reuse (INVALID_LINK) and an expired link each write one row", async () => {
    await requestMagicLink(activeEmail, CLIENT);
    const mail = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: activeEmail }, orderBy: { createdAt: "desc" } })).id);
    const link = mail.text.match(/https?:\/\/\S+/)?.[0] ?? "";
    const token = new URL(link).searchParams.get("token") ?? "";
    expect(token).not.toBe("");

    expect((await openMagicLink(link, CLIENT)).ok).toBe(true);
    expect((await openMagicLink(link, CLIENT)).ok).toBe(false);

    await requestMagicLink(activeEmail, CLIENT);
    const second = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: activeEmail, NOT: { id: mail.id } }, orderBy: { createdAt: "desc" } })).id);
    await db.verificationToken.updateMany({ where: { identifier: activeEmail }, data: { expires: new Date(Date.now() - 60_000) } });
    expect((await openMagicLink(second.text.match(/https?:\/\/\S+/)?.[0] ?? "", CLIENT)).ok).toBe(false);

    const all = await rows();
    expect(all.map((r) => [r.kind, r.method, r.result, r.failureReason])).toEqual([
      ["MAGIC_LINK_REQUEST", "MAGIC_LINK", "SUCCESS", null],
      ["SIGN_IN", "MAGIC_LINK", "SUCCESS", null],
      ["SIGN_IN", "MAGIC_LINK", "FAILURE", "INVALID_LINK"],
      ["MAGIC_LINK_REQUEST", "MAGIC_LINK", "SUCCESS", null],
      ["SIGN_IN", "MAGIC_LINK", "FAILURE", "EXPIRED_LINK"],
    ]);
    const dump = JSON.stringify(await db.$queryRaw`SELECT row_to_json(e)::text AS row FROM "LoginEvent" e`);
    expect(dump).not.toContain(token);
    expect(logLines.join("\n")).not.toContain(token);
  });

  it("a link request for an unknown address is recorded as such and sends nothing", async () => {
    const before = await db.outboxEmail.count();
    await requestMagicLink("stranger@example.test", CLIENT);
    expect(await db.outboxEmail.count()).toBe(before);
    expect(await db.verificationToken.count({ where: { identifier: "stranger@example.test" } })).toBe(0);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: "MAGIC_LINK_REQUEST", login: "stranger@example.test", userId: null, result: "FAILURE", failureReason: "UNKNOWN_USER" });
  });

  it("sign-out is recorded with the user", async () => {
    const session = await signInWithPassword(activeEmail, PASSWORD, CLIENT);
    await signOut(session.cookies, CLIENT);
    const all = await rows();
    expect(all.map((r) => [r.kind, r.result, r.userId])).toEqual([
      ["SIGN_IN", "SUCCESS", activeId],
      ["SIGN_OUT", "SUCCESS", activeId],
    ]);
  });
});

describe("secrets", () => {
  it("no column of any row, no log line and no answer contains the password", async () => {
    const answers: string[] = [];
    for (const [email, password] of [
      [activeEmail, PASSWORD],
      [activeEmail, WRONG],
      ["ghost@example.test", PASSWORD],
      [disabledEmail, PASSWORD],
    ] as const) {
      answers.push(JSON.stringify(await signInWithPassword(email, password, CLIENT)));
    }
    const stored = await db.$queryRaw<Array<{ row: string }>>`SELECT row_to_json(e)::text AS row FROM "LoginEvent" e`;
    expect(stored).toHaveLength(4);
    for (const { row } of stored) {
      expect(row).not.toContain(PASSWORD);
      expect(row).not.toContain(WRONG);
    }
    expect(logLines.some((line) => line.includes("auth.attempt"))).toBe(true);
    for (const line of [...logLines, ...answers]) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(WRONG);
    }
  });
});

describe("an audit write failure", () => {
  it("does not block the sign-in, and is logged", async () => {
    // Every insert into the audit table now fails inside PostgreSQL.
    await db.$executeRawUnsafe(`ALTER TABLE "LoginEvent" ADD CONSTRAINT audit_test_reject CHECK (false) NOT VALID`);
    try {
      const before = logLines.length;
      const result = await signInWithPassword(activeEmail, PASSWORD, CLIENT);
      expect(result.ok).toBe(true);
      expect(result.url).toBe(`${AUTH_TEST_ORIGIN}/dashboard`);
      expect(await db.session.count({ where: { userId: activeId } })).toBeGreaterThan(0);
      expect(logLines.slice(before).some((line) => line.includes("audit.write_failed"))).toBe(true);
      expect(await db.loginEvent.count()).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "LoginEvent" DROP CONSTRAINT audit_test_reject`);
    }
  });
});

describe("rate limits", () => {
  afterAll(async () => {
    await db.auditSettings.deleteMany();
  });

  it("after the per-login limit even the right password is refused, and the refusal is audited", async () => {
    await db.auditSettings.create({ data: { rateLimitPerLogin: 3, rateLimitPerIp: 0, rateLimitWindowMinutes: 15 } });
    for (let i = 0; i < 3; i++) expect((await signInWithPassword(activeEmail, WRONG, CLIENT)).ok).toBe(false);
    const blocked = await signInWithPassword(activeEmail, PASSWORD, CLIENT);
    expect(blocked.ok).toBe(false);
    expect(decodeURIComponent(blocked.url)).toContain("Too many failed sign-in attempts");
    const all = await rows();
    expect(all.map((r) => r.failureReason)).toEqual(["BAD_PASSWORD", "BAD_PASSWORD", "BAD_PASSWORD", "RATE_LIMITED"]);
    expect(all[3]).toMatchObject({ userId: activeId, result: "FAILURE" });
    // Another login from elsewhere is not affected.
    expect((await signInWithPassword(disabledEmail, PASSWORD, { ip: "198.51.100.3" })).url).toContain("disabled");
  });

  it("the per-IP limit counts failures of any login from one address", async () => {
    await db.auditSettings.upsert({
      where: { id: 1 },
      create: { rateLimitPerLogin: 0, rateLimitPerIp: 2, rateLimitWindowMinutes: 15 },
      update: { rateLimitPerLogin: 0, rateLimitPerIp: 2 },
    });
    await signInWithPassword("a@example.test", WRONG, { ip: "192.0.2.44" });
    await signInWithPassword("b@example.test", WRONG, { ip: "192.0.2.44" });
    expect((await signInWithPassword(activeEmail, PASSWORD, { ip: "192.0.2.44" })).ok).toBe(false);
    expect((await signInWithPassword(activeEmail, PASSWORD, { ip: "192.0.2.45" })).ok).toBe(true);
    const all = await rows();
    expect(all.map((r) => [r.ip, r.failureReason])).toEqual([
      ["192.0.2.44", "UNKNOWN_USER"],
      ["192.0.2.44", "UNKNOWN_USER"],
      ["192.0.2.44", "RATE_LIMITED"],
      ["192.0.2.45", null],
    ]);
  });
});
