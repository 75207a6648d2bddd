import type { ListUsersInput } from "@/lib/validators/audit";
import type { Page } from "@/lib/validators/common";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

export interface UserWithSignIns {
  id: string;
  email: string;
  name: string | null;
  disabled: boolean;
  role: string | null;
  organisationLabel: string | null;
  signInCount: number;
  lastSignInAt: Date | null;
}

/**
 * Every user of every organisation with their count of successful sign-ins
 * and the time of the last one. Unsafe by design: the provider's admins look
 * after all accounts, so this spans organisations (admins only).
 */
export async function unsafeListUsersWithSignIns(db: DbOrTx, input: ListUsersInput): Promise<Page<UserWithSignIns>> {
  const where: Prisma.UserWhereInput = input.search
    ? {
        OR: [
          { email: { contains: input.search, mode: "insensitive" } },
          { name: { contains: input.search, mode: "insensitive" } },
          { memberships: { some: { organisation: { label: { contains: input.search, mode: "insensitive" } } } } },
        ],
      }
    : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: { email: "asc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        email: true,
        name: true,
        disabledAt: true,
        memberships: { select: { role: true, organisation: { select: { label: true } } }, orderBy: { createdAt: "asc" }, take: 1 },
      },
    }),
    db.user.count({ where }),
  ]);
  const stats = users.length
    ? await db.loginEvent.groupBy({
        by: ["userId"],
        where: { userId: { in: users.map((u) => u.id) }, kind: "SIGN_IN", result: "SUCCESS" },
        _count: { _all: true },
        _max: { occurredAt: true },
      })
    : [];
  const byUser = new Map(stats.map((s) => [s.userId, s]));
  const rows = users.map((u) => {
    const stat = byUser.get(u.id);
    const membership = u.memberships[0];
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      disabled: Boolean(u.disabledAt),
      role: membership?.role ?? null,
      organisationLabel: membership?.organisation.label ?? null,
      signInCount: stat?._count._all ?? 0,
      lastSignInAt: stat?._max.occurredAt ?? null,
    };
  });
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
