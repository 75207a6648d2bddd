/**
 * Test helpers for approvals: client organisations with an owner, tickets
 * filed through the helpdesk, a fixed approval context, and link extraction
 * from the outbox. Tests only.
 */
import crypto from "node:crypto";
import { db } from "@/server/db";
import { createTicket } from "@/server/helpdesk/create-ticket";
import { createTestOrganisation } from "@/server/testing/factories";
import { approvalLinkKeys } from "../approval-links";
import type { ApprovalContext } from "../approval-context";
import { openOutboxEmail } from "@/server/testing/outbox";

export const TEST_APPROVAL_CONTEXT: ApprovalContext = {
  appUrl: "http://app.test",
  keys: approvalLinkKeys("approval-test-secret-approval-test-secret"),
  brand: { name: "Switchboard", supportEmail: "help@provider.test" },
};

/** A client organisation whose owner contact is set (unless `owner: null`). */
export async function createClientWithOwner(opts: { owner?: { name: string; email: string } | null; label?: string } = {}) {
  const org = await createTestOrganisation({ kind: "CLIENT", label: opts.label });
  const owner = opts.owner === undefined ? { name: "Kris Owner", email: `owner-${crypto.randomBytes(3).toString("hex")}@client.test` } : opts.owner;
  if (owner) await db.organisation.update({ where: { id: org.id }, data: { ownerName: owner.name, ownerEmail: owner.email } });
  return { ...org, owner };
}

/** A ticket filed through the helpdesk (no acknowledgement e-mail), optionally with public replies. */
export async function createTestTicket(
  organisationId: string,
  opts: { subject?: string; description?: string; replies?: number; reporterEmail?: string } = {},
) {
  const ticket = await createTicket({
    organisationId,
    subject: opts.subject ?? "Drag and drop steps",
    description: opts.description ?? "Please let us reorder steps by dragging them.",
    type: "technical_support",
    priority: "normal",
    reporterName: "Rita Reporter",
    reporterEmail: opts.reporterEmail ?? "rita@client.test",
    channel: "console",
    author: { kind: "client_user", name: "Rita Reporter", email: opts.reporterEmail ?? "rita@client.test" },
    acknowledge: false,
  });
  const replies = opts.replies ?? 0;
  if (replies > 0) {
    const base = Date.now() - replies * 60_000;
    await db.ticketMessage.createMany({
      data: Array.from({ length: replies }, (_, i) => ({
        ticketId: ticket.id,
        organisationId,
        authorKind: i % 2 === 0 ? ("agent" as const) : ("client_user" as const),
        authorName: i % 2 === 0 ? "Sam Agent" : "Rita Reporter",
        visibility: "public" as const,
        body: `Reply number ${i + 1}: ${"details about the change ".repeat(20)}`,
        createdAt: new Date(base + i * 60_000),
      })),
    });
  }
  return ticket;
}

/** Every approve/reject link in an e-mail text, in order. */
export function approvalLinksIn(text: string): Array<{ url: string; token: string; decision: "approve" | "reject" }> {
  return [...text.matchAll(/https?:\/\/\S+\/approve\/([A-Za-z0-9_-]+)\/(approve|reject)/g)].map((m) => ({
    url: m[0],
    token: m[1] as string,
    decision: m[2] as "approve" | "reject",
  }));
}

/** The outbox row queued with this id, with its real (unmasked) body. */
export function outboxEmail(id: string) {
  return openOutboxEmail(id);
}
