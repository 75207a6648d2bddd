import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";
import { expireHourCards } from "./expire-cards";
import { balanceOf } from "./record-card-transaction";
import { createTestCard, createTestCustomer, expireCardNow } from "./testing";

async function clientSetup() {
  const org = await createTestOrganisation();
  const customer = await createTestCustomer({ organisationId: org.id });
  const ticket = await db.ticket.create({
    data: {
      number: `TCK-${crypto.randomBytes(6).toString("hex").toUpperCase()}`,
      organisationId: org.id,
      subject: "Printer offline",
      description: "Since Monday",
      type: "technical_support",
      reporterName: "Rita Reporter",
      reporterEmail: "rita@example.test",
    },
  });
  return { org, customer, ticket };
}

afterEach(async () => {
  await db.hourCardSettings.deleteMany();
});

describe("hourCards router: who may do what", () => {
  it("keeps console procedures to provider staff and card changes to admins", async () => {
    const { customer } = await clientSetup();
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const agent = callerFor(await createTestUser("AGENT"));
    const clientAdmin = callerFor(await createTestUser("CLIENT_ADMIN"));
    const card = await admin.hourCards.create({ customerId: customer.id, name: "Q1 card", purchasedMinutes: 600, purchasedOn: "2026-01-01" });

    expect(await codeOf(agent.hourCards.list({ page: 1, pageSize: 25 }))).toBe("OK");
    expect(await codeOf(agent.hourCards.create({ customerId: customer.id, name: "x", purchasedMinutes: 60, purchasedOn: "2026-01-01" }))).toBe("FORBIDDEN");
    expect(await codeOf(agent.hourCards.topUp({ cardId: card.id, minutes: 60, reason: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(clientAdmin.hourCards.list({ page: 1, pageSize: 25 }))).toBe("FORBIDDEN");
    expect(await codeOf(clientAdmin.hourCards.get({ cardId: card.id }))).toBe("FORBIDDEN");
    expect(await codeOf(clientAdmin.hourCards.logTime({ ticketId: "x", minutes: 30, note: "x", billable: true }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(null).hourCards.mine())).toBe("UNAUTHORIZED");
    expect(await codeOf(agent.hourCards.mine())).toBe("FORBIDDEN");
  });

  it("shows a client admin only their own organisation's cards and tickets; client users none", async () => {
    const mine = await clientSetup();
    const theirs = await clientSetup();
    const adminUser = await createTestUser("PROVIDER_ADMIN");
    const admin = callerFor(adminUser);
    const myCard = await admin.hourCards.create({ customerId: mine.customer.id, name: "Mine", purchasedMinutes: 600, purchasedOn: "2026-01-01" });
    await admin.hourCards.create({ customerId: theirs.customer.id, name: "Theirs", purchasedMinutes: 600, purchasedOn: "2026-01-01" });
    await admin.hourCards.logTime({ ticketId: mine.ticket.id, minutes: 45, note: "Replaced toner", billable: true });
    await admin.hourCards.logTime({ ticketId: theirs.ticket.id, minutes: 30, note: "Other org", billable: true });

    const org = await db.organisation.findUniqueOrThrow({ where: { id: mine.org.id } });
    const clientAdmin = callerFor(await createTestUser("CLIENT_ADMIN", org));
    const seen = await clientAdmin.hourCards.mine();
    expect(seen.cards.map((c) => c.id)).toEqual([myCard.id]);
    expect(seen.cards[0]!.balanceMinutes).toBe(555);
    expect(seen.usage).toHaveLength(1);
    expect(seen.usage[0]!.ticket.number).toBe(mine.ticket.number);
    expect(seen.usage[0]!.minutes).toBe(45);
    expect(JSON.stringify(seen)).not.toContain("Replaced toner");

    const clientUser = callerFor(await createTestUser("CLIENT_USER", org));
    expect(await codeOf(clientUser.hourCards.mine())).toBe("FORBIDDEN");
  });
});

describe("logging time on tickets", () => {
  it("consumes the soonest-expiring active card, lists the entry and writes the trail", async () => {
    const { customer, ticket } = await clientSetup();
    const agentUser = await createTestUser("AGENT");
    const agent = callerFor(agentUser);
    const later = await createTestCard(customer.id, 600, { expiresOn: "2099-12-31", name: "Later" });
    const sooner = await createTestCard(customer.id, 120, { expiresOn: "2098-12-31", name: "Sooner" });

    const logged = await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 90, note: "Network fix", billable: true });
    expect(logged.cardId).toBe(sooner);
    expect(logged.balanceMinutes).toBe(30);
    expect(await balanceOf(db, later)).toBe(600);

    await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 20, note: "Internal review", billable: false });
    expect(await balanceOf(db, sooner)).toBe(30);

    const chosen = await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 15, note: "On the later card", billable: true, cardId: later });
    expect(chosen.balanceMinutes).toBe(585);

    const entries = await agent.hourCards.timeEntries({ ticketId: ticket.id });
    expect(entries.map((e) => [e.minutes, e.billable, e.card?.name ?? null])).toEqual([
      [15, true, "Later"],
      [20, false, null],
      [90, true, "Sooner"],
    ]);
    expect(entries[0]!.authorName).toBe(agentUser.name);
    const trail = await db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: "time_logged" }, orderBy: { createdAt: "asc" } });
    expect(trail.map((t) => t.summary)).toEqual([
      'Logged 1:30 billable on hour card "Sooner"',
      "Logged 0:20 (not billable)",
      'Logged 0:15 billable on hour card "Later"',
    ]);
  });

  it.each([
    [{ minutes: 0 }, "The time must be more than zero"],
    [{ minutes: -30 }, "The time must be more than zero"],
    [{ minutes: Number.NaN }, "Enter the time as a number"],
    [{ minutes: "90" as unknown as number }, "Enter the time as a number"],
    [{ minutes: 1.5 }, "Enter whole minutes"],
  ])("refuses %j with a clear message", async (bad, message) => {
    const { ticket } = await clientSetup();
    const agent = callerFor(await createTestUser("AGENT"));
    const error = await agent.hourCards.logTime({ ticketId: ticket.id, note: "x", billable: true, ...bad }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe("BAD_REQUEST");
    expect((error as Error).message).toContain(message);
    expect(await db.ticketTimeEntry.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("refuses another customer's card, an expired card and a closed card, writing nothing", async () => {
    const { customer, ticket } = await clientSetup();
    const other = await createTestCustomer();
    const adminCaller = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const foreign = await createTestCard(other.id, 600);
    const lapsed = await createTestCard(customer.id, 600, { expiresOn: "2099-01-01" });
    await expireCardNow(lapsed);
    const closed = await createTestCard(customer.id, 600);
    await adminCaller.hourCards.close({ cardId: closed, reason: "Customer cancelled" });

    const attempt = (cardId: string) => adminCaller.hourCards.logTime({ ticketId: ticket.id, minutes: 30, note: "x", billable: true, cardId }).catch((e: Error) => e);
    const wrong = await attempt(foreign);
    expect((wrong as Error).message).toBe("The hour card belongs to another customer");
    expect((wrong as { code?: string }).code).toBe("BAD_REQUEST");
    expect((await attempt(lapsed)) as Error).toMatchObject({ code: "CONFLICT", message: "The hour card has expired" });
    expect((await attempt(closed)) as Error).toMatchObject({ code: "CONFLICT", message: "The hour card is closed" });
    expect(await db.ticketTimeEntry.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "time_logged" } })).toBe(0);
  });
});

describe("low-balance e-mail", () => {
  it("goes to the client admins once per card, even when two consumptions cross the threshold together", async () => {
    const { org, customer, ticket } = await clientSetup();
    const orgRow = await db.organisation.findUniqueOrThrow({ where: { id: org.id } });
    const clientAdmin = await createTestUser("CLIENT_ADMIN", orgRow);
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    await admin.hourCards.updateSettings({ allowNegative: false, thresholdKind: "minutes", thresholdValue: 60, consumptionRule: "oldest_expiring_first" });
    const cardId = await createTestCard(customer.id, 200);

    await admin.hourCards.logTime({ ticketId: ticket.id, minutes: 100, note: "a", billable: true });
    expect(await db.outboxEmail.count({ where: { category: "hour-card-low-balance" } })).toBe(0);
    await Promise.all([
      admin.hourCards.logTime({ ticketId: ticket.id, minutes: 45, note: "b", billable: true }),
      admin.hourCards.logTime({ ticketId: ticket.id, minutes: 45, note: "c", billable: true }),
    ]);
    await admin.hourCards.logTime({ ticketId: ticket.id, minutes: 5, note: "d", billable: true });
    expect(await balanceOf(db, cardId)).toBe(5);
    const mails = await db.outboxEmail.findMany({ where: { category: "hour-card-low-balance" } });
    expect(mails.map((m) => m.to)).toEqual([clientAdmin.email]);
    expect(mails[0]!.subject).toContain("running low");
  });
});

describe("expiry", () => {
  it("writes one expiry transaction for the remaining balance, however often it runs", async () => {
    const { customer } = await clientSetup();
    const cardId = await createTestCard(customer.id, 300, { expiresOn: "2099-01-01" });
    const empty = await createTestCard(customer.id, 60, { expiresOn: "2099-01-01" });
    await expireCardNow(cardId);
    await expireCardNow(empty);
    await db.$transaction((tx) =>
      tx.hourCardTransaction.create({ data: { cardId: empty, kind: "consumption", minutes: -60, reason: "used", sourceType: "manual" } }),
    );

    await Promise.all([expireHourCards(), expireHourCards()]);
    expect((await expireHourCards()).minutesExpired).toBe(0);
    const rows = await db.hourCardTransaction.findMany({ where: { cardId, kind: "expiry" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.minutes).toBe(-300);
    expect(rows[0]!.sourceKey).toBe(`expiry:${cardId}`);
    expect(await balanceOf(db, cardId)).toBe(0);
    expect((await db.hourCard.findUniqueOrThrow({ where: { id: cardId } })).status).toBe("expired");
    expect((await db.hourCard.findUniqueOrThrow({ where: { id: empty } })).status).toBe("expired");
    expect(await db.hourCardTransaction.count({ where: { cardId: empty, kind: "expiry" } })).toBe(0);
  });
});

describe("hours report", () => {
  it("sums hours used and bought per customer and month", async () => {
    const { customer, ticket } = await clientSetup();
    const agent = callerFor(await createTestUser("AGENT"));
    await createTestCard(customer.id, 600);
    await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 90, note: "a", billable: true });
    await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 30, note: "b", billable: true });
    await agent.hourCards.logTime({ ticketId: ticket.id, minutes: 60, note: "c", billable: false });
    const month = new Date().toISOString().slice(0, 7);
    const report = await agent.hourCards.report({ fromMonth: month, months: 1, customerId: customer.id });
    expect(report.months).toEqual([month]);
    expect(report.rows).toEqual([{ month, customerId: customer.id, customerName: customer.name, usedMinutes: 120, addedMinutes: 600 }]);
  });
});

describe("a repeated time submission", () => {
  it("logs once whether the same request comes again later or twice at once", async () => {
    const { customer, ticket } = await clientSetup();
    const agent = callerFor(await createTestUser("AGENT"));
    const card = await createTestCard(customer.id, 600, { expiresOn: "2099-12-31", name: "Ten" });
    const entry = { ticketId: ticket.id, minutes: 30, note: "Swapped the switch", billable: true, cardId: card };

    const again = crypto.randomUUID();
    const first = await agent.hourCards.logTime({ ...entry, requestId: again });
    const repeat = await agent.hourCards.logTime({ ...entry, requestId: again });
    expect(repeat.entryId).toBe(first.entryId);
    expect(repeat.balanceMinutes).toBe(570);

    const together = crypto.randomUUID();
    const both = await Promise.all([agent.hourCards.logTime({ ...entry, requestId: together }), agent.hourCards.logTime({ ...entry, requestId: together })]);
    expect(both[0].entryId).toBe(both[1].entryId);

    const unbilled = crypto.randomUUID();
    const plain = { ...entry, billable: false, cardId: null, requestId: unbilled };
    const pair = await Promise.all([agent.hourCards.logTime(plain), agent.hourCards.logTime(plain)]);
    expect(pair[0].entryId).toBe(pair[1].entryId);

    expect(await db.ticketTimeEntry.count({ where: { ticketId: ticket.id } })).toBe(3);
    expect(await balanceOf(db, card)).toBe(540);
    expect(await codeOf(agent.hourCards.logTime({ ...entry, requestId: "not-a-uuid" }))).toBe("BAD_REQUEST");
  });
});
