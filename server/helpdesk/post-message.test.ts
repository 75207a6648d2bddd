import { openOutboxEmail } from "@/server/testing/outbox";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { createTicketInTx } from "./create-ticket";
import { TicketNotFoundError } from "./errors";
import { addTicketMessage, postPublicMessage } from "./post-message";
import { applyStatusChange } from "./ticket-status";

async function newTicket(opts: { reporterEmail?: string } = {}) {
  const org = await createTestOrganisation();
  const agent = await createTestUser("AGENT");
  const created = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: "Router keeps rebooting",
      description: "Since Monday the router restarts every hour.",
      type: "equipment_issue",
      priority: "high",
      reporterName: "Rita Reporter",
      reporterEmail: opts.reporterEmail ?? `rita-${org.label.toLowerCase()}@example.test`,
      channel: "console",
      author: { kind: "agent", userId: agent.id, name: agent.name ?? "Agent" },
    }),
  );
  return { org, agent, ticket: created };
}

describe("postPublicMessage", () => {
  it("records the first response, restarts next update and e-mails reporter and followers with their own links", async () => {
    const { org, agent, ticket } = await newTicket();
    await db.ticketFollower.create({ data: { ticketId: ticket.id, email: "boss@example.test", name: "Boss" } });
    const result = await db.$transaction((tx) =>
      postPublicMessage(tx, {
        ticketId: ticket.id,
        organisationId: org.id,
        author: { kind: "agent", userId: agent.id, name: "Sam Agent", email: agent.email },
        body: "We are sending a replacement router today.",
      }),
    );
    expect(result.emailIds).toHaveLength(2);
    const mails = await Promise.all(result.emailIds.map(openOutboxEmail));
    expect(mails.map((m) => m.to).sort()).toEqual(["boss@example.test", `rita-${org.label.toLowerCase()}@example.test`]);
    const links = mails.map((m) => /\/t\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1]);
    expect(new Set(links).size).toBe(2);
    for (const m of mails) expect(m.text).toContain("We are sending a replacement router today.");

    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.firstRespondedAt).not.toBeNull();
    expect(row.lastPublicProviderMessageAt).not.toBeNull();
    expect(row.firstResponseMinutes).not.toBeNull();
    const kinds = (await db.ticketEvent.findMany({ where: { ticketId: ticket.id } })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["created", "message_added", "first_response"]));
  });

  it("does not find a ticket through another organisation", async () => {
    const { ticket } = await newTicket();
    const other = await createTestOrganisation();
    await expect(
      db.$transaction((tx) =>
        postPublicMessage(tx, { ticketId: ticket.id, organisationId: other.id, author: { kind: "owner", name: "Mallory" }, body: "hi" }),
      ),
    ).rejects.toBeInstanceOf(TicketNotFoundError);
    expect(await db.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("resumes the SLA clock when the customer answers a ticket waiting on them", async () => {
    const { org, ticket } = await newTicket();
    await db.$transaction((tx) =>
      applyStatusChange(tx, { id: ticket.id, organisationId: org.id, status: "open" }, "waiting_on_customer", { kind: "agent", name: "A" }, new Date()),
    );
    const result = await db.$transaction((tx) =>
      postPublicMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: { kind: "owner", name: "Olivia Owner", email: "owner@example.test" }, body: "Approved." }),
    );
    expect(result.statusChangedTo).toBe("open");
    expect(result.emailIds).toEqual([]);
    const pauses = await db.ticketSlaPause.findMany({ where: { ticketId: ticket.id } });
    expect(pauses).toHaveLength(1);
    expect(pauses[0]!.endedAt).not.toBeNull();
    const kinds = (await db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sla_paused", "sla_resumed"]));
  });

  it("keeps internal notes to provider staff and sends no e-mail for them", async () => {
    const { org, agent, ticket } = await newTicket();
    const note = await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: { kind: "agent", userId: agent.id, name: "Sam" }, body: "Customer is on the old firmware", visibility: "internal" }),
    );
    expect(note.emailIds).toEqual([]);
    await expect(
      db.$transaction((tx) =>
        addTicketMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: { kind: "client_user", name: "Eve" }, body: "sneaky", visibility: "internal" }),
      ),
    ).rejects.toMatchObject({ code: "invalid_input", field: "visibility" });
  });
});
