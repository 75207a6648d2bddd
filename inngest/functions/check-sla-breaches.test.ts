import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SLA_SETTINGS } from "@/lib/helpdesk/sla-config";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";
import { db } from "@/server/db";
import { createTicketInTx } from "@/server/helpdesk/create-ticket";
import { addTicketMessage } from "@/server/helpdesk/post-message";
import { saveSlaSettings } from "@/server/helpdesk/sla-settings";
import { createTestOrganisation } from "@/server/testing/factories";
import { checkSlaBreaches } from "./check-sla-breaches";

// A fresh engine per run: an engine remembers step results between executions.
const run = () =>
  new InngestTestEngine({ function: checkSlaBreaches }).execute({
    events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
  });
const MINUTE = 60_000;
const agent = { kind: "agent" as const, name: "Sam Agent" };

let orgId: string;

beforeAll(async () => {
  // Round the clock, so "minutes ago" are business minutes whatever day the test runs.
  await saveSlaSettings(
    db,
    {
      ...DEFAULT_SLA_SETTINGS,
      calendar: {
        timezone: "UTC",
        workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        hours: { open: "00:00", close: "24:00" },
        hoursByDay: {},
        holidays: [],
      },
    },
    null,
  );
  orgId = (await createTestOrganisation()).id;
});
afterAll(async () => {
  await db.helpdeskSettings.deleteMany();
  await db.slaPolicy.deleteMany();
});

async function ticketCreatedAgo(priority: TicketPriority, minutesAgo: number) {
  const created = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: orgId,
      subject: `${priority} ticket from ${minutesAgo} minutes ago`,
      description: "Details",
      type: "outage_report",
      priority,
      reporterName: "Rita",
      reporterEmail: "rita@example.test",
      channel: "console",
      author: agent,
      acknowledge: false,
      now: new Date(Date.now() - minutesAgo * MINUTE),
    }),
  );
  return created.id;
}

const trail = (ticketId: string) => db.ticketEvent.findMany({ where: { ticketId }, orderBy: { createdAt: "asc" } });

describe("check-sla-breaches (Inngest)", () => {
  it("marks breaches once each and escalates by rule, writing both to the trail", async () => {
    // Urgent, 10 h old, never answered: first response (30 min) and resolution (4 h) are breached,
    // and the first response is more than 2 business hours overdue → L3.
    const urgent = await ticketCreatedAgo("urgent", 600);
    // High, 70 min old: first response (60 min) breached by 10 min → L2; resolution (8 h) still running.
    const high = await ticketCreatedAgo("high", 70);
    // Normal, answered in time 10 min after filing: nothing to do but keep the state fresh.
    const fine = await ticketCreatedAgo("normal", 30);
    await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: fine, organisationId: orgId, author: agent, body: "On it", notify: false, now: new Date(Date.now() - 20 * MINUTE) }),
    );

    const { result, error } = await run();
    expect(error).toBeFalsy();
    expect(result).toMatchObject({ breaches: 3, escalations: 2 });

    const u = await db.ticket.findUniqueOrThrow({ where: { id: urgent } });
    expect(u.escalationLevel).toBe("L3");
    expect(u.slaState).toBe("breached");
    expect(u.slaBreached).toBe(true);
    expect(u.escalatedAt).not.toBeNull();
    const uTrail = await trail(urgent);
    expect(uTrail.filter((e) => e.kind === "sla_breached").map((e) => (e.data as { target: string }).target).sort()).toEqual([
      "first_response",
      "resolution",
    ]);
    const escalated = uTrail.filter((e) => e.kind === "escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.summary).toMatch(/^Escalated L1 → L3: /);
    expect(escalated[0]!.actorKind).toBe("system");

    const h = await db.ticket.findUniqueOrThrow({ where: { id: high } });
    expect(h.escalationLevel).toBe("L2");
    expect((await trail(high)).filter((e) => e.kind === "sla_breached")).toHaveLength(1);

    const f = await db.ticket.findUniqueOrThrow({ where: { id: fine } });
    expect(f.escalationLevel).toBe("L1");
    expect(f.slaBreached).toBe(false);
    expect(["ok", "at_risk"]).toContain(f.slaState);
  });

  it("finds nothing new on the next run, so breaches and escalations are not repeated", async () => {
    const before = await db.ticketEvent.count({ where: { kind: { in: ["sla_breached", "escalated"] } } });
    const { result } = await run();
    expect(result).toMatchObject({ breaches: 0, escalations: 0 });
    expect(await db.ticketEvent.count({ where: { kind: { in: ["sla_breached", "escalated"] } } })).toBe(before);
  });

  it("leaves a ticket waiting on the customer alone: its clocks are paused", async () => {
    const waiting = await ticketCreatedAgo("urgent", 15);
    await db.ticket.update({ where: { id: waiting }, data: { status: "waiting_on_customer" } });
    await db.ticketSlaPause.create({ data: { ticketId: waiting, startedAt: new Date(Date.now() - 10 * MINUTE) } });
    await run();
    const row = await db.ticket.findUniqueOrThrow({ where: { id: waiting } });
    expect(row.escalationLevel).toBe("L1");
    expect(await db.ticketEvent.count({ where: { ticketId: waiting, kind: "sla_breached" } })).toBe(0);
  });
});
