/**
 * 20 confirmations of one approval link at once on a host that is slow and
 * short of connections: exactly one decision is recorded, the other 19 are
 * told the request was just answered, and none fails with Prisma's
 * "Unable to start a transaction in the given time" / "transaction expired".
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { slowDb } from "@/server/testing/slow-db";
import { confirmApprovalDecision } from "./confirm-decision";
import { requestApproval } from "./request-approval";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";

const loaded = slowDb({ poolSize: 3, delayMs: 40 });
afterAll(() => loaded.$disconnect());

describe("confirming one approval link under load", () => {
  it("records exactly one of 20 parallel confirmations and answers the rest clearly", async () => {
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-load@client.test" } });
    const ticket = await createTestTicket(org.id, { subject: "Load test" });
    const request = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: { id: null, name: "Sam" } }, ctx);
    const approve = approvalLinksIn((await outboxEmail(request.emailId)).text).find((l) => l.decision === "approve")!;

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        confirmApprovalDecision({ token: approve.token, decision: "approve", comment: `click ${i}` }, ctx, loaded).then(
          (r) => r.status,
          (e: unknown) => `error: ${e instanceof Error ? e.message.split("\n").pop() : String(e)}`,
        ),
      ),
    );
    const counts = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    console.log("20 parallel confirmations of one link (pool 3, +40 ms per statement):", JSON.stringify(counts));
    expect(counts).toEqual({ recorded: 1, already_decided: 19 });
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id, authorKind: "owner" } })).toBe(1);
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "approval_decided" } })).toBe(1);
  });
});
