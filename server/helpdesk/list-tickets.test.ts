import { beforeAll, describe, expect, it } from "vitest";
import { ticketListQuerySchema, type TicketListQueryInput } from "@/lib/validators/helpdesk";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { createTicketInTx } from "./create-ticket";
import { unsafeListConsoleTickets } from "./list-tickets";
import { unsafeUpdateTicket } from "./update-ticket";

const numbers: Record<string, string> = {};
let orgA: string;
let orgB: string;
let teamId: string;

const list = (input: TicketListQueryInput) => unsafeListConsoleTickets(db, ticketListQuerySchema.parse(input));
const subjects = (page: { rows: { subject: string }[] }) => page.rows.map((r) => r.subject);

beforeAll(async () => {
  orgA = (await createTestOrganisation({ label: "ALPHA" })).id;
  orgB = (await createTestOrganisation({ label: "BRAVO" })).id;
  teamId = (await db.team.create({ data: { name: "Network ops" } })).id;
  const specs = [
    { key: "vpn", org: orgA, subject: "VPN drops every hour", priority: "high", type: "connectivity_issue", email: "jane.doe@alpha.example", team: true, address: "1 Harbour St" },
    { key: "invoice", org: orgA, subject: "Invoice shows two lines", priority: "low", type: "billing_issue", email: "ap@alpha.example", team: false, address: null },
    { key: "outage", org: orgB, subject: "Fibre outage at the depot", priority: "urgent", type: "outage_report", email: "ops@bravo.example", team: true, address: "7 Depot Rd" },
    { key: "printer", org: orgB, subject: "Printer offline", priority: "normal", type: "equipment_issue", email: "jane.smith@bravo.example", team: false, address: null },
  ] as const;
  let minutes = 60;
  for (const s of specs) {
    const t = await db.$transaction((tx) =>
      createTicketInTx(tx, {
        organisationId: s.org,
        subject: s.subject,
        description: `Details about ${s.key}: the customer reports the Zebra-${s.key} problem.`,
        type: s.type,
        priority: s.priority,
        reporterName: `Reporter ${s.key}`,
        reporterEmail: s.email,
        serviceAddress: s.address,
        teamId: s.team ? teamId : null,
        channel: "console",
        author: { kind: "agent", name: "Sam" },
        acknowledge: false,
        now: new Date(Date.now() - minutes-- * 60_000),
      }),
    );
    numbers[s.key] = t.number;
  }
  const invoice = await db.ticket.findUniqueOrThrow({ where: { number: numbers.invoice! } });
  await db.$transaction((tx) => unsafeUpdateTicket(tx, { id: invoice.id, data: { status: "resolved" } }, { kind: "agent", name: "Sam" }));
});

describe("console ticket list", () => {
  it("searches subject, description, reporter e-mail and service address case-insensitively, and exact numbers", async () => {
    expect(subjects(await list({ search: "vpn" }))).toEqual(["VPN drops every hour"]);
    expect(subjects(await list({ search: "ZEBRA-OUTAGE" }))).toEqual(["Fibre outage at the depot"]);
    expect(subjects(await list({ search: "jane." })).sort()).toEqual(["Printer offline", "VPN drops every hour"]);
    expect(subjects(await list({ search: "depot rd" }))).toEqual(["Fibre outage at the depot"]);
    expect(subjects(await list({ search: numbers.printer!.toLowerCase() }))).toEqual(["Printer offline"]);
    expect((await list({ search: "nothing like this" })).total).toBe(0);
  });

  it("filters by status, priority, type, organisation, team (or none) and SLA state", async () => {
    expect(subjects(await list({ status: "resolved" }))).toEqual(["Invoice shows two lines"]);
    expect(subjects(await list({ priority: "urgent,high" })).sort()).toEqual(["Fibre outage at the depot", "VPN drops every hour"]);
    expect(subjects(await list({ type: ["billing_issue"] }))).toEqual(["Invoice shows two lines"]);
    expect(subjects(await list({ organisationId: orgB })).sort()).toEqual(["Fibre outage at the depot", "Printer offline"]);
    expect(subjects(await list({ teamId: "none" })).sort()).toEqual(["Invoice shows two lines", "Printer offline"]);
    expect(subjects(await list({ teamId: [teamId], organisationId: orgA }))).toEqual(["VPN drops every hour"]);
    // The stored state is what the filter reads (the sweep keeps it current).
    await db.ticket.updateMany({ where: { number: numbers.outage! }, data: { slaState: "breached" } });
    await db.ticket.updateMany({ where: { number: { not: numbers.outage! } }, data: { slaState: "ok" } });
    expect(subjects(await list({ slaState: "breached" }))).toEqual(["Fibre outage at the depot"]);
    expect((await list({ slaState: "ok,at_risk" })).total).toBe(3);
  });

  it("sorts by priority and by last update, and pages without repeats", async () => {
    expect(subjects(await list({ sort: "priority:desc" }))).toEqual([
      "Fibre outage at the depot",
      "VPN drops every hour",
      "Printer offline",
      "Invoice shows two lines",
    ]);
    // The resolved ticket was changed last.
    expect(subjects(await list({ sort: "updatedAt:desc" }))[0]).toBe("Invoice shows two lines");
    const pages = [await list({ pageSize: 3, page: 1 }), await list({ pageSize: 3, page: 2 })];
    expect(pages[0]!.total).toBe(4);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(4);
  });
});
