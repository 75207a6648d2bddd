/**
 * Customers with their sync state on each connection, for the console.
 */
import type { Db } from "@/server/db";
import type { CrmLinkStatus, Prisma } from "@/server/generated/prisma/client";
import type { Page } from "@/lib/validators/common";
import { crmNotFound } from "../errors";

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

export async function listCustomersWithSync(
  db: Db,
  opts: { search?: string; syncStatus?: CrmLinkStatus; page: number; pageSize: number },
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
      select: { id: true, kind: true, name: true, email: true, phone: true, city: true, country: true, updatedAt: true },
    }),
    db.customer.count({ where }),
  ]);
  const states = await syncStates(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, sync: states.get(r.id) ?? [] })), total, page: opts.page, pageSize: opts.pageSize };
}

export async function getCustomerWithSync(db: Db, id: string) {
  const customer = await db.customer.findUnique({ where: { id } });
  if (!customer) throw crmNotFound("The customer");
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
    customer: { ...customer, taxRatePercent: customer.taxRatePercent.toString() },
    sync: states.get(id) ?? [],
    recentItems: recent,
  };
}
