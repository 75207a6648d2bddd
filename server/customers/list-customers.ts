/**
 * Reading customers for the console's one Customers area: each row with its
 * link state on every CRM connection and, for billing admins, its billing
 * state (card, tax rate, app accounts, subscriptions). The list also feeds
 * pickers elsewhere (search by name, e-mail, phone or tax id, paged).
 */
import type { Db } from "@/server/db";
import type { CrmLinkStatus, Prisma } from "@/server/generated/prisma/client";
import type { Page } from "@/lib/validators/common";
import { customerNotFound } from "./customer-errors";

export interface CustomerSyncState {
  connectionId: string;
  connectionName: string;
  status: CrmLinkStatus;
  externalId: string | null;
  remoteUrl: string | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  openConflicts: number;
}

export interface CustomerRow {
  id: string;
  kind: "person" | "company";
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
  updatedAt: Date;
  sync: CustomerSyncState[];
  /** null unless the caller may see billing. */
  billing: CustomerBillingSummary | null;
}

export interface CustomerBillingSummary {
  taxRatePercent: string;
  paymentMethodLabel: string | null;
  subscriptions: number;
  accounts: { serviceCode: string; externalId: string }[];
}

async function syncStates(db: Db, ids: string[]): Promise<Map<string, CustomerSyncState[]>> {
  const links = await db.syncLink.findMany({
    where: { entity: "customer", entityId: { in: ids }, connection: { deletedAt: null } },
    include: {
      connection: { select: { name: true } },
      _count: { select: { conflicts: { where: { status: "OPEN" } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const out = new Map<string, CustomerSyncState[]>();
  for (const l of links) {
    const list = out.get(l.entityId) ?? [];
    list.push({
      connectionId: l.connectionId,
      connectionName: l.connection.name,
      status: l.status,
      externalId: l.externalId,
      remoteUrl: l.remoteUrl,
      lastSyncedAt: l.lastSyncedAt,
      lastError: l.lastError,
      openConflicts: l._count.conflicts,
    });
    out.set(l.entityId, list);
  }
  return out;
}

export async function listCustomers(
  db: Db,
  opts: { search?: string; syncStatus?: CrmLinkStatus; page: number; pageSize: number; includeBilling: boolean },
): Promise<Page<CustomerRow>> {
  const search = opts.search?.trim();
  const where: Prisma.CustomerWhereInput = {};
  if (search) {
    where.OR = [
      { name: { contains: search, mode: "insensitive" } },
      { email: { contains: search, mode: "insensitive" } },
      { phone: { contains: search } },
      { taxId: { contains: search, mode: "insensitive" } },
    ];
  }
  if (opts.syncStatus) {
    const ids = await db.syncLink.findMany({
      where: { entity: "customer", status: opts.syncStatus, connection: { deletedAt: null } },
      select: { entityId: true },
      distinct: ["entityId"],
    });
    where.id = { in: ids.map((i) => i.entityId) };
  }
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        id: true,
        kind: true,
        name: true,
        email: true,
        phone: true,
        city: true,
        country: true,
        updatedAt: true,
        taxRatePercent: true,
        paymentMethodLabel: true,
        _count: { select: { billingSubscriptions: true } },
        billingAccountLinks: { select: { externalId: true, service: { select: { code: true } } }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.customer.count({ where }),
  ]);
  const states = await syncStates(db, rows.map((r) => r.id));
  return {
    rows: rows.map(({ taxRatePercent, paymentMethodLabel, _count, billingAccountLinks, ...r }) => ({
      ...r,
      sync: states.get(r.id) ?? [],
      billing: opts.includeBilling
        ? {
            taxRatePercent: taxRatePercent.toFixed(),
            paymentMethodLabel,
            subscriptions: _count.billingSubscriptions,
            accounts: billingAccountLinks.map((l) => ({ serviceCode: l.service.code, externalId: l.externalId })),
          }
        : null,
    })),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}

/** One customer with its CRM link state and recent sync work. */
export async function getCustomerWithSync(db: Db, id: string) {
  const customer = await db.customer.findUnique({ where: { id } });
  if (!customer) throw customerNotFound();
  const [states, recent] = await Promise.all([
    syncStates(db, [id]),
    db.syncQueueItem.findMany({
      where: { entity: "customer", entityId: id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, operation: true, status: true, attempts: true, lastError: true, createdAt: true, finishedAt: true, connectionId: true },
    }),
  ]);
  return {
    customer: { ...customer, taxRatePercent: customer.taxRatePercent.toFixed() },
    sync: states.get(id) ?? [],
    recentItems: recent,
  };
}

/** The customer's billing state: card, app accounts and subscriptions (billing admins only). */
export async function getCustomerBilling(db: Db, id: string) {
  const customer = await db.customer.findUnique({
    where: { id },
    select: {
      stripeCustomerId: true,
      paymentMethodLabel: true,
      billingAccountLinks: { include: { service: { select: { code: true, name: true } } }, orderBy: { createdAt: "asc" } },
      billingSubscriptions: { include: { plan: { select: { code: true, name: true } } }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!customer) throw customerNotFound();
  return customer;
}
