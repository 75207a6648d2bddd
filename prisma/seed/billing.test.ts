import { describe, expect, it } from "vitest";
import { authenticateService } from "@/server/billing/api/api-handler";
import { db } from "@/server/db";
import { seedCrm } from "./crm";
import { DEMO_BILLING_API_KEY, seedBilling } from "./billing";

async function counts() {
  const [customers, usage, invoices, subscriptions, charges] = await Promise.all([
    db.customer.count(),
    db.billingUsageRecord.count(),
    db.billingInvoice.count(),
    db.billingSubscription.count(),
    db.billingCharge.count(),
  ]);
  return { customers, usage, invoices, subscriptions, charges };
}

describe("seedBilling", () => {
  it("builds a rated demo subscription on the CRM's customer, and a second run changes nothing", async () => {
    await seedCrm(db);
    const now = new Date(Date.UTC(2026, 10, 20, 12));
    await seedBilling(db, now);
    const first = await counts();
    await seedBilling(db, now);
    expect(await counts()).toEqual(first);
    expect(first).toMatchObject({ usage: 11, invoices: 1, subscriptions: 1, charges: 2 });

    const invoice = await db.billingInvoice.findFirstOrThrow({ include: { lines: { orderBy: { position: "asc" } }, customer: true } });
    expect(invoice.customer.phone).toBe("+1 416 555 0142");
    // 8 core-hours with 5 included: 3 × $0.75; 750k API calls with 100k included: 650 × $0.10.
    expect(invoice.lines.map((l) => l.amount.toFixed(2))).toEqual(["49.00", "2.25", "65.00"]);
    expect([invoice.subtotal.toFixed(2), invoice.taxAmount.toFixed(2), invoice.total.toFixed(2)]).toEqual(["116.25", "15.11", "131.36"]);
    await expect(authenticateService(`Bearer ${DEMO_BILLING_API_KEY}`)).resolves.toMatchObject({ code: "nexacloud" });
  });
});
