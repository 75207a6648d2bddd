/**
 * Three-decimal and zero-decimal currencies through rating, storage and the
 * Lago API's minor units, and amounts with more places than their currency
 * has refused by name.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createPlan } from "../catalog/plans";
import { createCreditNote } from "../credit-notes/create-credit-note";
import { serviceInvoiceJson } from "../lago/service-invoice";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { makeCustomer, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";

async function issuedInvoice(currency: string, basePrice: string, taxRatePercent = "0") {
  const { service } = await makeService();
  const plan = await makePlan({ basePrice, currency });
  const customer = await makeCustomer({ taxRatePercent });
  const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-10-01T00:00:00Z") });
  const invoiceId = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z") })).issuedInvoiceIds[0]!;
  return { serviceId: service.id, invoiceId };
}

describe("currencies with other minor units", () => {
  it("stores a KWD invoice to the fils and answers Lago in fils", async () => {
    const { serviceId, invoiceId } = await issuedInvoice("KWD", "12.345", "5");
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    // 12.345 + 5% = 0.61725 → 0.617 tax, once.
    expect([invoice.subtotal.toFixed(3), invoice.taxAmount.toFixed(3), invoice.total.toFixed(3)]).toEqual(["12.345", "0.617", "12.962"]);
    const lago = await serviceInvoiceJson(db, serviceId, invoiceId);
    expect(lago).toMatchObject({ currency: "KWD", total_amount_cents: 12962, taxes_amount_cents: 617 });
  });

  it("keeps JPY whole", async () => {
    const { invoiceId } = await issuedInvoice("JPY", "980", "10");
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([invoice.taxAmount.toFixed(), invoice.total.toFixed()]).toEqual(["98", "1078"]);
  });

  it("refuses a price or a credit with more places than the currency has, naming the field", async () => {
    const plan = { code: `p_${Date.now()}`, name: "Odd", interval: "monthly" as const, taxBehaviour: "exclusive" as const };
    await expect(createPlan(db, { ...plan, basePrice: "49.999", currency: "CAD" })).rejects.toMatchObject({
      code: "validation_failed",
      details: { fieldErrors: { basePrice: "CAD amounts have at most 2 decimal places (49.999 has 3)" } },
    });
    await expect(createPlan(db, { ...plan, basePrice: "500.5", currency: "JPY" })).rejects.toMatchObject({ details: { fieldErrors: { basePrice: expect.stringMatching(/JPY amounts have at most 0 decimal places/) } } });
    const { invoiceId } = await issuedInvoice("CAD", "49.00");
    await expect(createCreditNote(db, null, { invoiceId, amount: "1.005", reason: "Odd" })).rejects.toMatchObject({
      details: { fieldErrors: { amount: "CAD amounts have at most 2 decimal places (1.005 has 3)" } },
    });
    const kwd = await issuedInvoice("KWD", "10.000");
    const note = await createCreditNote(db, null, { invoiceId: kwd.invoiceId, amount: "1.005", reason: "Outage" });
    expect(note.total.toFixed(3)).toBe("1.005");
  });
});
