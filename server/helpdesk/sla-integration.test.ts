import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_SETTINGS } from "@/lib/helpdesk/sla-config";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { createTicketInTx } from "./create-ticket";
import { addTicketMessage } from "./post-message";
import { saveSlaSettings } from "./sla-settings";
import { NO_DEADLINE } from "./ticket-sla";
import { unsafeUpdateTicket } from "./update-ticket";

// Monday 2 March 2026, 09:00 UTC; the default calendar is Mon–Fri 08:00–18:00 UTC.
const MONDAY_9 = new Date("2026-03-02T09:00:00Z");
const at = (iso: string) => new Date(iso);
const agentActor = { kind: "agent" as const, name: "Sam Agent" };

async function ticketAt(priority: TicketPriority, now = MONDAY_9) {
  const org = await createTestOrganisation();
  const created = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: `A ${priority} ticket`,
      description: "Details",
      type: "technical_support",
      priority,
      reporterName: "Rita",
      reporterEmail: "rita@example.test",
      channel: "console",
      author: agentActor,
      acknowledge: false,
      now,
    }),
  );
  return { org, ticket: created };
}

const dueOf = (id: string) =>
  db.ticket.findUniqueOrThrow({
    where: { id },
    select: { firstResponseDueAt: true, nextUpdateDueAt: true, resolutionDueAt: true, nearestDueAt: true, queueDueAt: true, slaState: true },
  });

describe("SLA due dates on create (default policies, business hours)", () => {
  const cases: { priority: TicketPriority; firstResponse: string; resolution: string }[] = [
    // 30 min / 4 h
    { priority: "urgent", firstResponse: "2026-03-02T09:30:00Z", resolution: "2026-03-02T13:00:00Z" },
    // 1 h / 8 h
    { priority: "high", firstResponse: "2026-03-02T10:00:00Z", resolution: "2026-03-02T17:00:00Z" },
    // 4 h / 30 h: Mon 9 h + Tue 10 h + Wed 10 h, then 1 h on Thursday
    { priority: "normal", firstResponse: "2026-03-02T13:00:00Z", resolution: "2026-03-05T09:00:00Z" },
    // 8 h / 50 h: the rest of the week is 49 h, then 1 h on the next Monday
    { priority: "low", firstResponse: "2026-03-02T17:00:00Z", resolution: "2026-03-09T09:00:00Z" },
  ];
  for (const c of cases) {
    it(`${c.priority}: first response and resolution deadlines are stored separately`, async () => {
      const { ticket } = await ticketAt(c.priority);
      const due = await dueOf(ticket.id);
      expect(due.firstResponseDueAt).toEqual(at(c.firstResponse));
      expect(due.resolutionDueAt).toEqual(at(c.resolution));
      // No provider reply yet, so no next-update clock.
      expect(due.nextUpdateDueAt).toBeNull();
      expect(due.nearestDueAt).toEqual(at(c.firstResponse));
      // The queue's sort key follows the nearest deadline.
      expect(due.queueDueAt).toEqual(at(c.firstResponse));
    });
  }

  it("counts only business hours: a ticket filed Friday 17:45 gets its urgent first response on Monday", async () => {
    // 15 minutes on Friday, the other 15 after Monday's opening.
    const { ticket } = await ticketAt("urgent", at("2026-03-06T17:45:00Z"));
    expect((await dueOf(ticket.id)).firstResponseDueAt).toEqual(at("2026-03-09T08:15:00Z"));
  });

  it("uses the targets and calendar the admin saved", async () => {
    await saveSlaSettings(
      db,
      {
        ...DEFAULT_SLA_SETTINGS,
        calendar: { ...DEFAULT_SLA_SETTINGS.calendar, timezone: "Europe/Amsterdam", hours: { open: "09:00", close: "17:00" } },
        policies: { ...DEFAULT_SLA_SETTINGS.policies, high: { firstResponseMinutes: 120, nextUpdateMinutes: 240, resolutionMinutes: 600 } },
      },
      null,
    );
    try {
      // 09:00 UTC is 10:00 in Amsterdam (CET): 2 h → 12:00 CET = 11:00 UTC; 10 h → 7 h Monday + 3 h Tuesday = Tue 12:00 CET.
      const { ticket } = await ticketAt("high");
      const due = await dueOf(ticket.id);
      expect(due.firstResponseDueAt).toEqual(at("2026-03-02T11:00:00Z"));
      expect(due.resolutionDueAt).toEqual(at("2026-03-03T11:00:00Z"));
    } finally {
      await db.slaPolicy.deleteMany();
      await db.helpdeskSettings.deleteMany();
    }
  });
});

describe("SLA on changes", () => {
  it("recomputes deadlines from creation when the priority changes, and writes the trail", async () => {
    const { ticket } = await ticketAt("low");
    await db.$transaction((tx) => unsafeUpdateTicket(tx, { id: ticket.id, data: { priority: "urgent" } }, agentActor, at("2026-03-02T10:00:00Z")));
    const due = await dueOf(ticket.id);
    expect(due.firstResponseDueAt).toEqual(at("2026-03-02T09:30:00Z"));
    expect(due.resolutionDueAt).toEqual(at("2026-03-02T13:00:00Z"));
    // An hour in, an urgent first response due at 09:30 is already late.
    expect(due.slaState).toBe("breached");
    const events = await db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["priority_changed", "sla_due_changed"]));
    expect(events.find((e) => e.kind === "priority_changed")?.summary).toBe("Priority: Low → Urgent");
  });

  it("pauses while waiting on the customer, resumes on their reply and pushes the deadline out by the paused business time", async () => {
    const { org, ticket } = await ticketAt("high");
    // Agent answers at 09:15 and waits on the customer; the customer replies at 11:15 (2 business hours later).
    await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: agentActor, body: "Which router model?", notify: false, now: at("2026-03-02T09:15:00Z") }),
    );
    await db.$transaction((tx) =>
      unsafeUpdateTicket(tx, { id: ticket.id, data: { status: "waiting_on_customer" } }, agentActor, at("2026-03-02T09:15:00Z")),
    );
    const paused = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(paused.slaState).toBe("paused");
    expect(paused.resolutionDueAt).toBeNull();

    const reply = await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: { kind: "client_user", name: "Rita" }, body: "An XR500", now: at("2026-03-02T11:15:00Z") }),
    );
    expect(reply.statusChangedTo).toBe("open");
    const resumed = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    // 8 business hours from 09:00 is 17:00; two paused hours move it to Tuesday 09:00.
    expect(resumed.resolutionDueAt).toEqual(at("2026-03-03T09:00:00Z"));
    expect(resumed.firstResponseMinutes).toBe(15);
    const pauses = await db.ticketSlaPause.findMany({ where: { ticketId: ticket.id } });
    expect(pauses).toEqual([expect.objectContaining({ startedAt: at("2026-03-02T09:15:00Z"), endedAt: at("2026-03-02T11:15:00Z") })]);
    const kinds = (await db.ticketEvent.findMany({ where: { ticketId: ticket.id } })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["first_response", "sla_paused", "sla_resumed"]));
  });

  it("records the resolution time in business minutes, leaving paused time out", async () => {
    const { org, ticket } = await ticketAt("normal");
    await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ticket.id, organisationId: org.id, author: agentActor, body: "Fixed on our side.", notify: false, now: at("2026-03-02T10:00:00Z") }),
    );
    await db.$transaction((tx) => unsafeUpdateTicket(tx, { id: ticket.id, data: { status: "resolved" } }, agentActor, at("2026-03-03T10:00:00Z")));
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    // Monday 09:00–18:00 (540) + Tuesday 08:00–10:00 (120).
    expect(row.resolutionMinutes).toBe(660);
    expect(row.resolvedAt).toEqual(at("2026-03-03T10:00:00Z"));
    expect(row.slaState).toBe("met");
    // No running deadline: the queue sorts it after every ticket that has one.
    expect(row.nearestDueAt).toBeNull();
    expect(row.queueDueAt).toEqual(NO_DEADLINE);
  });
});
