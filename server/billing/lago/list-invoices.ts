/** GET /invoices with Lago's filters, scoped to the calling service. */
import type { DbOrTx } from "@/server/db";
import type { BillingInvoiceStatus, Prisma } from "@/server/generated/prisma/client";
import { BillingError } from "../errors";
import { fromCents } from "./minor-units";

const STATUS_MAP: Record<string, BillingInvoiceStatus[]> = {
  draft: ["draft"],
  finalized: ["open", "paid", "uncollectible"],
  voided: ["void"],
  failed: [],
  pending: [],
  // Our own names, for apps written against them.
  open: ["open"],
  paid: ["paid"],
  void: ["void"],
  uncollectible: ["uncollectible"],
};

const PAYMENT_STATUS_WHERE: Record<string, Prisma.BillingInvoiceWhereInput> = {
  succeeded: { status: "paid" },
  failed: { OR: [{ status: "uncollectible" }, { status: "open", lastPaymentError: { not: null } }] },
  pending: { status: { in: ["open", "draft"] }, lastPaymentError: null },
};

function dateParam(query: URLSearchParams, name: string): Date | null {
  const value = query.get(name);
  if (value === null) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new BillingError("invalid_request", `${name} must be a date (YYYY-MM-DD)`);
  return date;
}

export async function listLagoInvoices(db: DbOrTx, serviceId: string, query: URLSearchParams, paging: { page: number; pageSize: number }) {
  const and: Prisma.BillingInvoiceWhereInput[] = [{ subscription: { serviceId } }];
  const statuses = [...query.getAll("statuses[]"), ...query.getAll("status")];
  if (statuses.length > 0) {
    const unknown = statuses.filter((s) => !(s in STATUS_MAP));
    if (unknown.length) throw new BillingError("invalid_request", `statuses[] must be among draft, finalized, voided, failed, pending; got ${unknown.join(", ")}`);
    and.push({ status: { in: statuses.flatMap((s) => STATUS_MAP[s] ?? []) } });
  }
  const paymentStatuses = query.getAll("payment_statuses[]");
  if (paymentStatuses.length > 0) {
    const unknown = paymentStatuses.filter((s) => !(s in PAYMENT_STATUS_WHERE));
    if (unknown.length) throw new BillingError("invalid_request", `payment_statuses[] must be among succeeded, failed, pending; got ${unknown.join(", ")}`);
    and.push({ OR: paymentStatuses.map((s) => PAYMENT_STATUS_WHERE[s]!) });
  }
  const externalCustomer = query.get("external_customer_id");
  if (externalCustomer) and.push({ customer: { billingAccountLinks: { some: { serviceId, externalId: externalCustomer } } } });
  const from = dateParam(query, "issuing_date_from");
  const to = dateParam(query, "issuing_date_to");
  if (from) and.push({ issuedAt: { gte: from } });
  if (to) and.push({ issuedAt: { lt: new Date(to.getTime() + 86_400_000) } });
  const currency = query.get("currency");
  if (currency) and.push({ currency: currency.toUpperCase() });
  const search = query.get("search_term")?.trim();
  if (search) {
    and.push({ OR: [{ number: { contains: search, mode: "insensitive" } }, { subscription: { externalId: { contains: search, mode: "insensitive" } } }] });
  }
  for (const [name, op] of [["amount_from", "gte"], ["amount_to", "lte"]] as const) {
    const value = query.get(name);
    if (value === null) continue;
    // Minor units of the invoice's currency; 2 places for the comparison unless a currency filter says otherwise.
    and.push({ total: { [op]: fromCents(Number(value), currency ?? "CAD", name).toFixed() } });
  }
  const where: Prisma.BillingInvoiceWhereInput = { AND: and };
  const [rows, total] = await Promise.all([
    db.billingInvoice.findMany({
      where,
      orderBy: [{ issuedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
      include: { subscription: { select: { id: true, externalId: true, plan: { select: { code: true } } } } },
    }),
    db.billingInvoice.count({ where }),
  ]);
  return { rows, total };
}
