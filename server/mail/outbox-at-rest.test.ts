import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { AUTH_TEST_ORIGIN, openMagicLink, requestMagicLink } from "@/server/audit/testing/auth-route-driver";
import { keyFromEnv } from "@/server/security/sealed-box";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { openOutboxEmail } from "@/server/testing/outbox";
import { startSmtpSink } from "@/server/testing/smtp-sink";
import { purgeExpiredEmailBodies } from "./deliver-outbox-email";
import { enqueueEmail } from "./enqueue-email";

process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;

let login: string;
beforeAll(async () => {
  const org = await createTestOrganisation({ kind: "PROVIDER" });
  login = `rest-${org.label.toLowerCase()}@example.test`;
  await db.user.create({ data: { email: login, name: "At Rest", memberships: { create: { organisationId: org.id, role: "AGENT" } } } });
});

/** The sign-in mail a real request through the next-auth route queued, and its live token. */
async function requestSignInMail() {
  await requestMagicLink(login, { ip: "203.0.113.80" });
  const row = await db.outboxEmail.findFirstOrThrow({ where: { to: login, category: "sign-in" }, orderBy: { createdAt: "desc" } });
  const link = (await openOutboxEmail(row.id)).text.match(/https?:\/\/\S+/)?.[0] ?? "";
  const token = new URL(link).searchParams.get("token") ?? "";
  expect(token.length).toBeGreaterThanOrEqual(32);
  return { id: row.id, link, token };
}

describe("live tokens at rest in the outbox", () => {
  it("a queued sign-in mail keeps no readable token in its row, nor in the Outbox page's procedures", async () => {
    const { id, token } = await requestSignInMail();
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.text).toContain("token=••••••");
    expect(row.html).toContain("token=••••••");

    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const shown = await admin.outbox.get({ id });
    expect(JSON.stringify(shown)).not.toContain(token);
    expect(shown).not.toHaveProperty("sealedBody");
    expect(JSON.stringify(await admin.outbox.list({ page: 1, pageSize: 50 }))).not.toContain(token);
  });

  it("the sender opens the sealed body, the recipient gets the working link, and the body is gone once sent", async () => {
    const smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    try {
      await requestMagicLink(login, { ip: "203.0.113.80" });
      const { id } = await db.outboxEmail.findFirstOrThrow({ where: { to: login, category: "sign-in" }, orderBy: { createdAt: "desc" } });
      const delivered = await simpleParser(smtp.received.at(-1)?.raw ?? "");
      const link = delivered.text?.match(/https?:\/\/\S+/)?.[0] ?? "";
      const token = new URL(link).searchParams.get("token") ?? "";
      expect(token.length).toBeGreaterThanOrEqual(32);
      const sent = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(sent.status).toBe("SENT");
      expect(sent.sealedBody).toBeNull();
      expect(JSON.stringify(sent)).not.toContain(token);
      expect((await openMagicLink(link, { ip: "203.0.113.80" })).ok).toBe(true);
    } finally {
      delete process.env.SMTP_URL;
      await smtp.close();
    }
  });

  it("a message left unsent past MAIL_BODY_MAX_AGE_DAYS loses its body and is closed", async () => {
    const id = await enqueueEmail(db, { to: "old@example.test", subject: "Old link", text: `Open http://app.test/t/${"a".repeat(43)}` });
    await db.outboxEmail.update({ where: { id }, data: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
    expect(await purgeExpiredEmailBodies(db)).toBeGreaterThanOrEqual(1);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "DEAD", sealedBody: null });
    expect(row.lastError).toMatch(/Not sent within 30 days/);
  });

  it("production refuses to seal without MAIL_ENCRYPTION_KEY, naming it", () => {
    expect(() => keyFromEnv("MAIL_ENCRYPTION_KEY", "x", { NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(40) })).toThrow(/MAIL_ENCRYPTION_KEY is required in production/);
  });
});

describe("tokens in logs", () => {
  it("masks a follow-up, approval or sign-in token in any logged string", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
    const token = "Zm9sbG93LXVwLXRva2VuLWZvci10ZXN0aW5nLTEyMzQ1Ng";
    logger.error(`failed GET /t/${token}`, { url: `http://app.test/approve/${token}/approve`, err: new Error(`token=${token}`) });
    spy.mockRestore();
    expect(lines.join("\n")).not.toContain(token);
    expect(lines.join("\n")).toContain("/t/••••••");
  });
});
afterAll(() => vi.restoreAllMocks());
