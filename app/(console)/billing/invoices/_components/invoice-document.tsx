import Decimal from "decimal.js";
import { formatDate, formatMoney, formatNumber } from "@/lib/utils";
import type { RouterOutputs } from "../../_components/router-types";
import { StatusBadge } from "../../_components/status-badge";

type Invoice = RouterOutputs["billing"]["invoices"]["get"];

interface BillTo {
  name?: string | null;
  email?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  taxId?: string | null;
}

function lineDetail(line: Invoice["lines"][number], currency: string): string | null {
  if (line.kind !== "usage") return null;
  const details = (line.details ?? {}) as { unitLabel?: string; unitBatch?: string; billableQuantity?: string; breakdown?: Array<{ tier: number; quantity: string; unitPrice: string; amount: string }> };
  const unit = details.unitLabel ?? "units";
  const parts = [`${formatNumber(line.quantity)} ${unit} used`];
  if (new Decimal(line.includedQuantity).greaterThan(0)) parts.push(`${formatNumber(line.includedQuantity)} included`);
  if (new Decimal(line.units).greaterThan(0)) {
    const batch = details.unitBatch && details.unitBatch !== "1" ? ` × ${formatNumber(details.unitBatch)} ${unit}` : "";
    if ((details.breakdown?.length ?? 0) > 1) {
      parts.push(
        details.breakdown!.map((b) => `tier ${b.tier}: ${formatNumber(b.quantity)} at ${formatMoney(b.unitPrice, currency, { maximumFractionDigits: 6 })}`).join("; "),
      );
    } else {
      parts.push(`${formatNumber(line.units)}${batch} billed`);
    }
  }
  return parts.join(" · ");
}

/** The invoice as the customer reads it: server-rendered, printable. */
export function InvoiceDocument({ invoice, issuerName }: { invoice: Invoice; issuerName: string }) {
  const billTo = (invoice.billTo ?? {
    name: invoice.customer.name,
    email: invoice.customer.email,
    addressLine1: invoice.customer.addressLine1,
    addressLine2: invoice.customer.addressLine2,
    city: invoice.customer.city,
    region: invoice.customer.region,
    postalCode: invoice.customer.postalCode,
    country: invoice.customer.country,
    taxId: invoice.customer.taxId,
  }) as BillTo;
  const money = (amount: string) => formatMoney(amount, invoice.currency);
  const due = Decimal.max(new Decimal(invoice.total).minus(invoice.amountPaid).minus(invoice.amountCredited).minus(invoice.amountCarried), 0).toFixed();
  return (
    <article aria-label={`Invoice ${invoice.number ?? "draft"}`} className="rounded-lg border bg-card p-6 text-sm shadow-xs print:border-0 print:p-0 print:shadow-none md:p-10">
      <div className="flex flex-col justify-between gap-6 sm:flex-row">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="invoice-number">
            {invoice.number ? `Invoice ${invoice.number}` : "Draft invoice"}
          </h1>
          <p className="mt-1 text-muted-foreground">{issuerName}</p>
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 sm:text-right">
          <dt className="text-muted-foreground">State</dt>
          <dd>
            <StatusBadge status={invoice.status} />
          </dd>
          <dt className="text-muted-foreground">Issued</dt>
          <dd>{invoice.issuedAt ? formatDate(invoice.issuedAt) : "not yet"}</dd>
          <dt className="text-muted-foreground">Due</dt>
          <dd>{invoice.dueAt ? formatDate(invoice.dueAt) : "—"}</dd>
          <dt className="text-muted-foreground">Period</dt>
          <dd>{invoice.periodStart ? `${formatDate(invoice.periodStart)} – ${formatDate(invoice.periodEnd)}` : "—"}</dd>
        </dl>
      </div>

      <section className="mt-8 grid gap-6 sm:grid-cols-2">
        <div>
          <h2 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Bill to</h2>
          <address className="mt-1 not-italic leading-relaxed">
            <strong>{billTo.name}</strong>
            {billTo.addressLine1 ? <><br />{billTo.addressLine1}</> : null}
            {billTo.addressLine2 ? <><br />{billTo.addressLine2}</> : null}
            {billTo.city || billTo.region || billTo.postalCode ? (
              <>
                <br />
                {[billTo.city, billTo.region, billTo.postalCode].filter(Boolean).join(" ")}
              </>
            ) : null}
            {billTo.country ? <><br />{billTo.country}</> : null}
            {billTo.email ? <><br />{billTo.email}</> : null}
            {billTo.taxId ? <><br />Tax id {billTo.taxId}</> : null}
          </address>
        </div>
        {invoice.subscription ? (
          <div className="sm:text-right">
            <h2 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Subscription</h2>
            <p className="mt-1">
              {invoice.subscription.plan.name} ({invoice.subscription.plan.code})
              <br />
              {invoice.subscription.service.name}: {invoice.subscription.externalId}
            </p>
          </div>
        ) : null}
      </section>

      <div className="mt-8 overflow-x-auto">
        <table className="w-full min-w-[32rem] border-collapse" aria-label="Invoice lines">
          <thead>
            <tr className="border-b text-left text-xs text-muted-foreground uppercase">
              <th className="py-2 font-semibold">Description</th>
              <th className="py-2 text-right font-semibold">Quantity</th>
              <th className="py-2 text-right font-semibold">Unit price</th>
              <th className="py-2 text-right font-semibold">Amount</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => {
              const detail = lineDetail(line, invoice.currency);
              return (
                <tr key={line.id} className="border-b align-top">
                  <td className="py-2 pr-4">
                    {line.description}
                    {detail ? <div className="text-xs text-muted-foreground">{detail}</div> : null}
                  </td>
                  <td className="py-2 text-right tabular-nums">{formatNumber(line.kind === "usage" ? line.units : line.quantity)}</td>
                  <td className="py-2 text-right tabular-nums">{formatMoney(line.unitPrice, invoice.currency, { maximumFractionDigits: 6 })}</td>
                  {/* Lines are exact (0.015); only the totals are rounded, once. */}
                  <td className="py-2 text-right tabular-nums">{formatMoney(line.amount, invoice.currency, { maximumFractionDigits: 6 })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <dl className="mt-6 ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 tabular-nums" data-testid="invoice-totals">
        <dt>Subtotal</dt>
        <dd className="text-right">{money(invoice.subtotal)}</dd>
        <dt>
          Tax ({formatNumber(invoice.taxRatePercent)}%{invoice.taxBehaviour === "inclusive" ? ", included" : ""})
        </dt>
        <dd className="text-right">{money(invoice.taxAmount)}</dd>
        <dt className="border-t pt-1 font-semibold">Total</dt>
        <dd className="border-t pt-1 text-right font-semibold">{money(invoice.total)}</dd>
        {new Decimal(invoice.amountPaid).greaterThan(0) ? (
          <>
            <dt>Paid</dt>
            <dd className="text-right">−{money(invoice.amountPaid)}</dd>
          </>
        ) : null}
        {new Decimal(invoice.amountCredited).greaterThan(0) ? (
          <>
            <dt>Credited</dt>
            <dd className="text-right">−{money(invoice.amountCredited)}</dd>
          </>
        ) : null}
        {new Decimal(invoice.amountCarried).greaterThan(0) ? (
          <>
            <dt>Carried to the next invoice (below the minimum charge)</dt>
            <dd className="text-right">−{money(invoice.amountCarried)}</dd>
          </>
        ) : null}
        {invoice.status !== "draft" && invoice.status !== "void" ? (
          <>
            <dt className="font-semibold">Amount due</dt>
            <dd className="text-right font-semibold">{money(due)}</dd>
          </>
        ) : null}
      </dl>

      {invoice.payments.length > 0 ? (
        <section className="mt-8">
          <h2 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Payments</h2>
          <ul className="mt-2 space-y-1">
            {invoice.payments.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2">
                <span>Attempt {p.attempt}</span>
                <StatusBadge status={p.status} />
                <span className="tabular-nums">{money(p.amount)}</span>
                {p.failureMessage ? <span className="text-danger">{p.failureMessage}</span> : null}
                {new Decimal(p.amountRefunded).greaterThan(0) ? <span>refunded {money(p.amountRefunded)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {invoice.creditNotes.length > 0 ? (
        <section className="mt-6">
          <h2 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Credit notes</h2>
          <ul className="mt-2 space-y-1">
            {invoice.creditNotes.map((n) => (
              <li key={n.id}>
                {n.number}: {money(n.total)} ({n.reason}){new Decimal(n.refundAmount).greaterThan(0) ? `, ${money(n.refundAmount)} refunded to the card` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
