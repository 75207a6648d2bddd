import type { Db } from "@/server/db";
import type { Page } from "@/lib/validators/common";
import type { ListOutboxInput } from "@/lib/validators/outbox";

/**
 * The provider's outbox. Unsafe by design of the data: outbox rows belong to
 * the provider as a whole, so only admins may call this (adminProcedure).
 */
export async function unsafeListOutbox(db: Db, input: ListOutboxInput) {
  const where = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.search
      ? {
          OR: [
            { to: { contains: input.search, mode: "insensitive" as const } },
            { subject: { contains: input.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.outboxEmail.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true, to: true, subject: true, category: true, status: true, attempts: true,
        lastError: true, createdAt: true, sentAt: true,
      },
    }),
    db.outboxEmail.count({ where }),
  ]);
  return { rows, total, page: input.page, pageSize: input.pageSize } satisfies Page<(typeof rows)[number]>;
}
