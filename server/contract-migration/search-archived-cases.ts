import type { DbOrTx } from "@/server/db";
import type { SearchArchivedCasesInput } from "@/lib/validators/contract-migration";

/** Archived CRM cases, newest first, searched by number, title and description. Read-only by design. */
export async function searchArchivedCases(db: DbOrTx, input: SearchArchivedCasesInput) {
  const where = {
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.search ? { searchText: { contains: input.search.toLowerCase() } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.archivedCase.findMany({
      where,
      orderBy: [{ archivedAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, sourceSystem: true, externalId: true, caseNumber: true, title: true, status: true, description: true, openedAt: true, closedAt: true, archivedAt: true, customerId: true, contractExternalId: true },
    }),
    db.archivedCase.count({ where }),
  ]);
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true } });
  const names = new Map(customers.map((c) => [c.id, c.name]));
  return { rows: rows.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? "(deleted customer)" })), total, page: input.page, pageSize: input.pageSize };
}

/** One archived case with its full CRM record. */
export function getArchivedCase(db: DbOrTx, id: string) {
  return db.archivedCase.findUnique({ where: { id } });
}
