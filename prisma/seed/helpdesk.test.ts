import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { seedIdentity } from "../seed";
import { seedHelpdesk } from "./helpdesk";

describe("seedHelpdesk", () => {
  it("creates demo tickets for both client organisations with notes and a breach, and is idempotent", async () => {
    await seedIdentity(db);
    await seedHelpdesk(db);
    const count = await db.ticket.count();
    expect(count).toBeGreaterThanOrEqual(24);
    const byOrg = await db.ticket.groupBy({ by: ["organisationId"], _count: { _all: true } });
    expect(byOrg).toHaveLength(2);
    expect(await db.ticketMessage.count({ where: { visibility: "internal" } })).toBeGreaterThan(0);
    expect(await db.ticketEvent.count({ where: { kind: "sla_breached" } })).toBeGreaterThan(0);
    expect(await db.ticket.count({ where: { status: "waiting_on_customer" } })).toBeGreaterThan(0);
    expect(await db.team.count()).toBe(5);
    expect(await db.slaPolicy.count()).toBe(4);

    const messages = await db.ticketMessage.count();
    await seedHelpdesk(db);
    expect(await db.ticket.count()).toBe(count);
    expect(await db.ticketMessage.count()).toBe(messages);
  }, 60_000);
});
