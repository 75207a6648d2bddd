import { describe, expect, it } from "vitest";
import { inboxListQuerySchema } from "@/lib/validators/helpdesk";
import { db } from "@/server/db";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { createTicketInTx } from "../create-ticket";
import { addTicketMessage } from "../post-message";
import { listInboxTickets } from "./list-inbox-tickets";

describe("My Tickets rows", () => {
  it("preview the newest public message (never an internal note) and say who wrote it", async () => {
    const org = await createTestOrganisation({ label: "PREVIEW" });
    const user = await createTestUser("CLIENT_USER", org);
    const t = await db.$transaction((tx) =>
      createTicketInTx(tx, {
        organisationId: org.id,
        subject: "A subject long enough to wrap on a phone",
        description: "First words of the request.",
        type: "general_inquiry",
        priority: "normal",
        reporterName: "Rita",
        reporterEmail: user.email,
        channel: "console",
        author: { kind: "client_user", name: "Rita", email: user.email },
        acknowledge: false,
      }),
    );
    const list = async () => (await listInboxTickets(db, user, inboxListQuerySchema.parse({}))).rows.find((r) => r.id === t.id)!;
    expect((await list()).preview).toEqual({ fromSupport: false, authorName: "Rita", text: "First words of the request." });

    const say = (body: string, visibility: "public" | "internal") =>
      db.$transaction((tx) =>
        addTicketMessage(tx, { ticketId: t.id, organisationId: org.id, author: { kind: "agent", name: "Sam" }, body, visibility, notify: false }),
      );
    await say(`Could you send   a photo\nof the label? ${"x".repeat(200)}`, "public");
    await say("INTERNAL: customer is on the old plan", "internal");
    const row = await list();
    expect(row.preview?.fromSupport).toBe(true);
    expect(row.preview?.text).toMatch(/^Could you send a photo of the label\? x+…$/);
    expect(row.preview?.text).toHaveLength(140);
    expect(JSON.stringify(row)).not.toContain("INTERNAL");
  });
});
