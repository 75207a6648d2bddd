/**
 * An issued invoice goes once to the customer's billing contact with its PDF
 * (rendered with pdf-lib when sent) and a signed link; credit notes too.
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resolveAttachments } from "@/server/mail/resolve-attachments";
import { createCreditNote } from "../credit-notes/create-credit-note";
import { chargeInvoice } from "../payments/charge-invoice";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { makeCustomer, makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { verifyDocumentToken } from "./document-links";
import { enqueueCreditNoteEmail } from "./document-emails";
import { openOutboxEmail } from "@/server/testing/outbox";

const LINKS = { appUrl: "https://billing.example.test", secret: "s".repeat(40) };

async function issued(basePrice = "49.00") {
  const service = (await makeService()).service;
  const plan = await makePlan({ basePrice });
  const customer = await makeCustomer();
  const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, customerId: customer.id, startAt: new Date("2026-10-01T00:00:00Z") });
  const closed = await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z"), documentLinks: LINKS });
  return { customer, sub, closed, invoiceId: closed.issuedInvoiceIds[0]! };
}

describe("invoice e-mails", () => {
  it("queues one e-mail to the billing contact with the PDF and a signed link", async () => {
    const { customer, invoiceId, closed } = await issued();
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const mails = await db.outboxEmail.findMany({ where: { to: customer.email! } });
    expect(mails).toHaveLength(1);
    expect(closed.emailIds).toEqual([mails[0]!.id]);
    expect(mails[0]).toMatchObject({ subject: `Invoice ${invoice.number}: CAD 55.37`, category: "billing-invoice", attachments: [{ kind: "billing_invoice", id: invoiceId }] });
    const link = /https:\/\/billing\.example\.test\/api\/billing\/documents\/invoice\/\S+/.exec((await openOutboxEmail(mails[0]!.id)).text)![0];
    const token = new URL(link).searchParams.get("token");
    expect(verifyDocumentToken("invoice", invoiceId, token, LINKS.secret)).toBe(true);
    expect(verifyDocumentToken("credit_note", invoiceId, token, LINKS.secret)).toBe(false);
    expect(verifyDocumentToken("invoice", invoiceId, token, "another-secret-another-secret")).toBe(false);
    expect(mails[0]!.text).toContain("Amount due: CAD 55.37");

    const [pdf] = await resolveAttachments(db, mails[0]!.attachments);
    expect(pdf).toMatchObject({ filename: `${invoice.number}.pdf`, contentType: "application/pdf" });
    expect(pdf!.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf!.content.length).toBeGreaterThan(1000);
  });

  it("never mails the same invoice twice, and mails credit notes once", async () => {
    const { customer, invoiceId, sub } = await issued();
    await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z"), documentLinks: LINKS });
    const note = await createCreditNote(db, null, { invoiceId, amount: "5.00", reason: "Outage" });
    expect(await enqueueCreditNoteEmail(db, note.id, LINKS)).toEqual(expect.any(String));
    expect(await enqueueCreditNoteEmail(db, note.id, LINKS)).toBeNull();
    const subjects = (await db.outboxEmail.findMany({ where: { to: customer.email! }, orderBy: { createdAt: "asc" } })).map((m) => m.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Invoice INV-\d+: CAD 55\.37$/), expect.stringMatching(/^Credit note .*: CAD 5\.00$/)]);
  });
});

describe("below Stripe's minimum charge", () => {
  it("is never sent to Stripe and never dunned: it is carried to the next invoice", async () => {
    const { invoiceId } = await issued("0.01");
    // Never called: the amount is refused before any Stripe request.
    const stripe = new Stripe("sk_test_never_called", { host: "127.0.0.1", port: 9, protocol: "http", maxNetworkRetries: 0 });
    const outcome = await chargeInvoice(db, stripe, invoiceId, { dunningScheduleMs: [1000], force: true });
    expect(outcome).toMatchObject({ status: "skipped", reason: expect.stringMatching(/CAD 0.01 is below Stripe's minimum charge of CAD 0.50; carried to the next invoice/) });
    const invoice = await db.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect([invoice.status, invoice.nextPaymentAttemptAt, invoice.paymentAttempts, invoice.amountCarried.toFixed(2)]).toEqual(["paid", null, 0, "0.01"]);
    expect(await db.billingPayment.count({ where: { invoiceId } })).toBe(0);
  });
});
