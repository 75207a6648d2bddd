/**
 * The Jobs list of one connection on the sync dashboard: search by job
 * number, reference, ticket number or customer; filter by remote status or
 * push state; newest change first, paged.
 */
import type { ListFieldJobsInput } from "@/lib/validators/field-jobs";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

const PUSH_STATES = new Set(["PENDING", "CREATED", "FAILED"]);

export async function unsafeListFieldJobs(db: Db, input: ListFieldJobsInput) {
  const where: Prisma.FieldJobWhereInput = { connectionId: input.connectionId };
  if (input.status) {
    if (PUSH_STATES.has(input.status)) where.pushState = input.status as "PENDING" | "CREATED" | "FAILED";
    else where.remoteStatus = { equals: input.status, mode: "insensitive" };
  }
  if (input.search) {
    const q = input.search;
    const [tickets, customers] = await Promise.all([
      db.ticket.findMany({ where: { number: { contains: q, mode: "insensitive" } }, select: { id: true }, take: 200 }),
      db.customer.findMany({ where: { name: { contains: q, mode: "insensitive" } }, select: { id: true }, take: 200 }),
    ]);
    where.OR = [
      { jobNumber: { contains: q, mode: "insensitive" } },
      { reference: { contains: q, mode: "insensitive" } },
      { siteAddress: { contains: q, mode: "insensitive" } },
      { ticketId: { in: tickets.map((t) => t.id) } },
      { customerId: { in: customers.map((c) => c.id) } },
    ];
  }
  const [total, rows, statuses] = await Promise.all([
    db.fieldJob.count({ where }),
    db.fieldJob.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.fieldJob.findMany({ where: { connectionId: input.connectionId, remoteStatus: { not: null } }, distinct: ["remoteStatus"], select: { remoteStatus: true } }),
  ]);
  const [tickets, customers] = await Promise.all([
    db.ticket.findMany({ where: { id: { in: rows.map((r) => r.ticketId) } }, select: { id: true, number: true, subject: true, status: true } }),
    db.customer.findMany({ where: { id: { in: rows.flatMap((r) => (r.customerId ? [r.customerId] : [])) } }, select: { id: true, name: true } }),
  ]);
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const customerById = new Map(customers.map((c) => [c.id, c.name]));
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    statuses: statuses.map((s) => s.remoteStatus!).sort(),
    rows: rows.map((r) => ({
      id: r.id,
      jobNumber: r.jobNumber,
      reference: r.reference,
      remoteUrl: r.remoteUrl,
      pushState: r.pushState,
      remoteStatus: r.remoteStatus,
      lastError: r.lastError,
      updatedAt: r.updatedAt,
      ticket: ticketById.get(r.ticketId) ?? null,
      customerName: r.customerId ? (customerById.get(r.customerId) ?? null) : null,
    })),
  };
}
