import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { paymentSummaryText } from "../engine/handlers/payment-summary-handler";
import { contactsOf, startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { enqueueDuePaymentSummaries, isSummaryDue } from "./weekly-payment-summary";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit({ connection: { paymentSummaryWeekday: 1, paymentSummaryHour: 8 } });
});
afterAll(async () => {
  await kit.close();
});

// Monday 2026-11-23, 09:00 UTC.
const MONDAY_9 = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

async function pay(customerId: string, amount: string, at: Date, status: "succeeded" | "failed" = "succeeded") {
  const invoice = await db.billingInvoice.create({ data: { customerId, currency: "aud", taxBehaviour: "exclusive", total: amount } });
  await db.billingPayment.create({ data: { invoiceId: invoice.id, attempt: 1, amount, currency: "aud", status, createdAt: at } });
}

describe("weekly payment summary", () => {
  it("is due on the connection's weekday from its hour, once that day", () => {
    const c = { paymentSummaryWeekday: 1, paymentSummaryHour: 8, lastPaymentSummaryAt: null };
    expect(isSummaryDue(c, MONDAY_9)).toBe(true);
    expect(isSummaryDue(c, new Date(Date.UTC(2026, 10, 23, 7, 59)))).toBe(false);
    expect(isSummaryDue(c, new Date(Date.UTC(2026, 10, 24, 9)))).toBe(false);
    expect(isSummaryDue({ ...c, lastPaymentSummaryAt: new Date(Date.UTC(2026, 10, 23, 8, 5)) }, MONDAY_9)).toBe(false);
    expect(isSummaryDue({ ...c, paymentSummaryWeekday: null }, MONDAY_9)).toBe(false);
  });

  it("sums the past week's billing payments per customer and writes them to the CRM record with a note", async () => {
    const c = await createCustomer(db, { name: "Paying Customer", email: "payer@example.test", phone: "1" });
    await kit.drain();
    await pay(c.id, "40.00", new Date(Date.UTC(2026, 10, 17, 10)));
    await pay(c.id, "80.50", new Date(Date.UTC(2026, 10, 21, 10)));
    await pay(c.id, "999.00", new Date(Date.UTC(2026, 10, 19, 10)), "failed");
    await pay(c.id, "5.00", new Date(Date.UTC(2026, 10, 10, 10))); // the week before

    const r = await enqueueDuePaymentSummaries(db, MONDAY_9);
    expect(r).toEqual({ connectionIds: [kit.connection.id], queued: 1 });
    const item = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: c.id, operation: "PAYMENT_SUMMARY" } });
    expect(item.payload).toEqual({
      weekStart: "2026-11-16",
      weekEnd: "2026-11-22",
      currency: "AUD",
      weekTotal: "120.50",
      paymentCount: 2,
      averagePayment: "60.25",
      lastPaymentDate: "2026-11-21",
    });
    // Once a week only.
    expect((await enqueueDuePaymentSummaries(db, new Date(MONDAY_9.getTime() + 3_600_000))).queued).toBe(0);

    await kit.drain();
    const [contact] = contactsOf(kit.fake, c.id);
    expect(contact!.fields).toMatchObject({ cf_weekly_payment_total: "120.5", cf_payment_count: "2", cf_last_payment_date: "2026-11-21" });
    const notes = kit.fake.records.list("ModComments").filter((n) => n.fields.related_to === contact!.id);
    expect(notes.map((n) => (n.fields.commentcontent ?? "").split("\n")[0])).toEqual([
      paymentSummaryText(item.payload as Parameters<typeof paymentSummaryText>[0]),
    ]);
  });
});
