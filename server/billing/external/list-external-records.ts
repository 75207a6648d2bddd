/**
 * Reading imported invoices (with lines and payments) and the import's open
 * issues for billing's console. Billing is provider-admin data (no client
 * organisation sees it), so these read across customers by design.
 */
import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { Page } from "@/lib/validators/common";
import { externalInvoiceListSchema, externalIssueListSchema, type ExternalInvoiceListInput } from "@/lib/validators/external-billing";
import { getConnectorProvider } from "@/server/crm/connector-registry";
import { ACCOUNTING_RUN_PREFIX } from "./import-ascora-accounting";

export async function listExternalInvoices(db: Db, input: ExternalInvoiceListInput) {
  const q = externalInvoiceListSchema.parse(input);
  const customerIds = q.search
    ? (await db.customer.findMany({ where: { name: { contains: q.search, mode: "insensitive" } }, select: { id: true }, take: 500 })).map((c) => c.id)
    : [];
  const where: Prisma.ExternalInvoiceWhereInput = {
    ...(q.customerId ? { customerId: q.customerId } : {}),
    ...(q.connectionId ? { connectionId: q.connectionId } : {}),
    ...(q.search ? { OR: [{ invoiceNumber: { contains: q.search, mode: "insensitive" } }, { customerId: { in: customerIds } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.externalInvoice.findMany({
      where,
      orderBy: [{ invoiceDate: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { lines: { orderBy: { position: "asc" } }, payments: { orderBy: { paymentDate: "asc" } } },
    }),
    db.externalInvoice.count({ where }),
  ]);
  const names = new Map(
    (await db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  const page: Page<(typeof rows)[number] & { customerName: string; paid: Prisma.Decimal; state: "paid" | "part_paid" | "unpaid" }> = {
    rows: rows.map((r) => {
      const paid = r.payments.reduce((sum, p) => sum.plus(p.amount), new Prisma.Decimal(0));
      const state = paid.greaterThanOrEqualTo(r.total) ? "paid" : paid.greaterThan(0) ? "part_paid" : "unpaid";
      return { ...r, customerName: names.get(r.customerId) ?? "(deleted customer)", paid, state };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
  return page;
}

export async function listImportIssues(db: Db, input: Partial<{ connectionId: string; open: boolean; page: number; pageSize: number }>) {
  const q = externalIssueListSchema.parse(input);
  const where: Prisma.ExternalImportIssueWhereInput = {
    ...(q.connectionId ? { connectionId: q.connectionId } : {}),
    ...(q.open ? { resolvedAt: null } : {}),
  };
  const [rows, total] = await Promise.all([
    db.externalImportIssue.findMany({ where, orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.externalImportIssue.count({ where }),
  ]);
  return { rows, total, page: q.page, pageSize: q.pageSize };
}

/** Live connections whose CRM has an accounting API, with their latest import run. */
export async function listAccountingConnections(db: Db) {
  const rows = await db.crmConnection.findMany({
    where: { deletedAt: null },
    select: { id: true, name: true, provider: true, enabled: true },
    orderBy: { createdAt: "asc" },
  });
  const accounting = rows.filter((c) => {
    try {
      return getConnectorProvider(c.provider).importsAccounting === true;
    } catch {
      return false;
    }
  });
  return Promise.all(
    accounting.map(async (c) => ({
      ...c,
      lastRun: await db.syncRun.findFirst({
        where: { connectionId: c.id, kind: "PULL", message: { startsWith: ACCOUNTING_RUN_PREFIX } },
        orderBy: { startedAt: "desc" },
        select: { id: true, status: true, message: true, startedAt: true, finishedAt: true },
      }),
    })),
  );
}
