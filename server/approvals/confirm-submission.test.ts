import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPool } from "@/server/db-pool";
import { PrismaClient } from "@/server/generated/prisma/client";
import { sharedRateLimit } from "@/server/security/rate-limit";
import { approvalFormToken } from "./approval-links";
import { FORGERY_MESSAGE, handleConfirmSubmission, isSameOrigin, RATE_LIMIT_MESSAGE, type ConfirmSubmission } from "./confirm-submission";
import { requestApproval } from "./request-approval";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";
import { hashToken } from "@/server/security/tokens";

// The real limits, on buckets of their own so tests do not share counts.
const freshLimiters = () => {
  const run = randomUUID();
  return {
    perAddress: sharedRateLimit(`test-${run}:ip:`, { limit: 10, windowMs: 600_000 }),
    perLink: sharedRateLimit(`test-${run}:link:`, { limit: 5, windowMs: 600_000 }),
  };
};

async function liveLink() {
  const org = await createClientWithOwner();
  const ticket = await createTestTicket(org.id, { subject: "Firewall rule" });
  const req = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: { id: null, name: "Sam" } }, ctx);
  const link = approvalLinksIn((await outboxEmail(req.emailId)).text).find((l) => l.decision === "approve")!;
  const submission: ConfirmSubmission = {
    token: link.token,
    decision: "approve",
    comment: "Fine by me",
    formToken: approvalFormToken(ctx.keys, hashToken(link.token), "approve"),
    origin: "http://app.test",
    host: "app.test",
    ip: "203.0.113.7",
  };
  return { ticket, submission };
}

describe("isSameOrigin", () => {
  it("accepts the request's host or APP_URL's host and nothing else", () => {
    expect(isSameOrigin("http://app.test", "app.test", "http://elsewhere.test")).toBe(true);
    expect(isSameOrigin("https://ops.example", "127.0.0.1:3000", "https://ops.example")).toBe(true);
    expect(isSameOrigin("https://evil.example", "app.test", "http://app.test")).toBe(false);
    expect(isSameOrigin(null, "app.test", "http://app.test")).toBe(false);
    expect(isSameOrigin("null", "app.test", "http://app.test")).toBe(false);
  });
});

describe("handleConfirmSubmission", () => {
  it("records the decision with the comment", async () => {
    const { ticket, submission } = await liveLink();
    expect(await handleConfirmSubmission(submission, ctx, db, freshLimiters())).toMatchObject({ status: "recorded", state: "approved", subject: "Firewall rule" });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id, authorKind: "owner" } });
    expect(message.body).toContain("Fine by me");
    expect(await handleConfirmSubmission(submission, ctx, db, freshLimiters())).toEqual({ status: "invalid" });
  });

  it("refuses a cross-site POST and a missing or foreign anti-forgery value, recording nothing", async () => {
    const { ticket, submission } = await liveLink();
    const limiters = freshLimiters();
    expect(await handleConfirmSubmission({ ...submission, origin: "https://evil.example" }, ctx, db, limiters)).toMatchObject({ status: "error", message: FORGERY_MESSAGE });
    expect(await handleConfirmSubmission({ ...submission, formToken: "" }, ctx, db, limiters)).toMatchObject({ status: "error", message: FORGERY_MESSAGE });
    expect(
      await handleConfirmSubmission({ ...submission, formToken: approvalFormToken(ctx.keys, hashToken(submission.token), "reject") }, ctx, db, limiters),
    ).toMatchObject({ status: "error", message: FORGERY_MESSAGE, comment: "Fine by me" });
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id, authorKind: "owner" } })).toBe(0);
  });

  it("rate-limits attempts per link and per address", async () => {
    const { submission } = await liveLink();
    const limiters = freshLimiters();
    const forged = { ...submission, formToken: "x" };
    for (let i = 0; i < 5; i++) expect((await handleConfirmSubmission(forged, ctx, db, limiters)).status).toBe("error");
    expect(await handleConfirmSubmission(submission, ctx, db, limiters)).toMatchObject({ status: "error", message: RATE_LIMIT_MESSAGE });

    const perAddress = freshLimiters();
    for (let i = 0; i < 10; i++) await handleConfirmSubmission({ ...forged, token: "B".repeat(43) }, ctx, db, perAddress);
    expect(await handleConfirmSubmission(submission, ctx, db, perAddress)).toMatchObject({ status: "error", message: RATE_LIMIT_MESSAGE });
  });

  it("holds the per-link limit across two instances posting at once", async () => {
    const { submission } = await liveLink();
    const limiters = freshLimiters();
    const forged = { ...submission, formToken: "x" };
    // Each client has its own pool, as two app instances would.
    const instances = [0, 1].map(() => new PrismaClient({ adapter: new PrismaPg(createPool(process.env.DATABASE_URL!, 4)) }));
    try {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => handleConfirmSubmission(forged, ctx, instances[i % 2], limiters)));
      const messages = outcomes.map((o) => (o.status === "error" ? o.message : o.status));
      expect(messages.filter((m) => m === FORGERY_MESSAGE)).toHaveLength(5);
      expect(messages.filter((m) => m === RATE_LIMIT_MESSAGE)).toHaveLength(7);
    } finally {
      await Promise.all(instances.map((i) => i.$disconnect()));
    }
  });

  it("refuses an over-long comment with a message and keeps what was typed", async () => {
    const { submission } = await liveLink();
    const long = "x".repeat(2_001);
    expect(await handleConfirmSubmission({ ...submission, comment: long }, ctx, db, freshLimiters())).toMatchObject({
      status: "error",
      message: expect.stringMatching(/under 2000 characters/),
      comment: long,
    });
  });

  it("answers 'invalid' for malformed links without touching the limits", async () => {
    const limiters = freshLimiters();
    expect(await handleConfirmSubmission({ token: "../x", decision: "approve", comment: "", formToken: "", origin: null, host: null, ip: "x" }, ctx, db, limiters)).toEqual({
      status: "invalid",
    });
  });
});
