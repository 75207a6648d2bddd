import { openOutboxEmail } from "@/server/testing/outbox";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import { createTestOrganisation } from "@/server/testing/factories";
import { issueTicketAccessToken, resolveTicketAccessToken, revokeTicketAccessTokens } from "./access-tokens";
import { createTicketInTx } from "./create-ticket";
import { TicketNotFoundError } from "./errors";
import { openFollowLink, replyViaFollowLink } from "./links/follow-link";

let ticket: { id: string; number: string; organisationId: string };

beforeAll(async () => {
  const org = await createTestOrganisation();
  ticket = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: "VoIP calls drop",
      description: "Calls drop after 30 seconds",
      type: "connectivity_issue",
      priority: "high",
      reporterName: "Rita Reporter",
      reporterEmail: "rita@example.test",
      channel: "api",
      author: { kind: "client_user", name: "Rita Reporter", email: "rita@example.test" },
    }),
  );
});

describe("follow-up link tokens", () => {
  it("are long random values stored only as their SHA-256", async () => {
    const a = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: "Boss@Example.test", recipientName: "Boss" });
    const b = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: "boss@example.test" });
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(a.url).toMatch(new RegExp(`/t/${a.token}$`));
    const row = await db.ticketAccessToken.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.tokenHash).toBe(hashToken(a.token));
    expect(row.recipientEmail).toBe("boss@example.test");
    // The raw token is nowhere in the table.
    const all = JSON.stringify(await db.ticketAccessToken.findMany());
    expect(all).not.toContain(a.token);
  });

  it("the acknowledgement e-mail carries a working link for the reporter", async () => {
    const mail = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: "rita@example.test", category: "ticket-ack" } })).id);
    expect(mail.subject).toContain(ticket.number);
    const token = /\/t\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const view = await openFollowLink(db, token);
    expect(view.ok && view.ticket.number).toBe(ticket.number);
    expect(view.ok && view.link.recipientEmail).toBe("rita@example.test");
  });

  it("expire: an expired link opens nothing and takes no reply", async () => {
    const issuedAt = new Date(Date.now() - 31 * 86_400_000);
    const old = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: "rita@example.test", now: issuedAt });
    expect(old.expiresAt.getTime()).toBe(issuedAt.getTime() + 30 * 86_400_000);
    expect(await resolveTicketAccessToken(db, old.token)).toEqual({ ok: false, problem: "expired" });
    expect(await openFollowLink(db, old.token)).toEqual({ ok: false });
    await expect(replyViaFollowLink(old.token, { body: "too late", attachments: [] })).rejects.toBeInstanceOf(TicketNotFoundError);
  });

  it("can be revoked, after which reuse fails the same way as a wrong link", async () => {
    const link = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: "rita@example.test", recipientName: "Rita Reporter" });
    await replyViaFollowLink(link.token, { body: "First reply through the link", attachments: [] });
    expect(await revokeTicketAccessTokens(db, { ticketId: ticket.id, tokenId: link.id })).toBe(1);
    expect(await resolveTicketAccessToken(db, link.token)).toEqual({ ok: false, problem: "revoked" });
    expect(await openFollowLink(db, link.token)).toEqual({ ok: false });
    await expect(replyViaFollowLink(link.token, { body: "Second reply after revoke", attachments: [] })).rejects.toBeInstanceOf(TicketNotFoundError);
    expect(await db.ticketMessage.count({ where: { body: "Second reply after revoke" } })).toBe(0);
    expect(await resolveTicketAccessToken(db, "not-a-token")).toEqual({ ok: false, problem: "unknown" });
    expect(await resolveTicketAccessToken(db, "x".repeat(43))).toEqual({ ok: false, problem: "unknown" });
  });

  it("attribute a reply to the recipient the link was issued to", async () => {
    const forwarded = await issueTicketAccessToken(db, { ticketId: ticket.id, recipientEmail: "boss@example.test", recipientName: "Bo Boss" });
    await replyViaFollowLink(forwarded.token, { body: "Reply from whoever holds Bo's link", attachments: [] });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { body: "Reply from whoever holds Bo's link" } });
    expect(message).toMatchObject({
      authorKind: "reporter_via_link",
      authorName: "Bo Boss",
      authorEmail: "boss@example.test",
      accessTokenId: forwarded.id,
      visibility: "public",
    });
  });
});
