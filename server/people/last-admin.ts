import type { DbOrTx } from "@/server/db";
import { conflict } from "./errors";

/**
 * Refuses a change that would leave no active provider admin (demote,
 * disable, remove, move, delete). Takes a transaction-wide advisory lock
 * first, so two admins demoting each other at once cannot both succeed.
 */
export async function assertKeepsAProviderAdmin(tx: DbOrTx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard:last-provider-admin'))`;
  const isProviderAdmin = await tx.membership.count({ where: { userId, role: "PROVIDER_ADMIN", organisation: { kind: "PROVIDER" } } });
  if (!isProviderAdmin) return;
  const others = await tx.membership.count({
    where: { role: "PROVIDER_ADMIN", organisation: { kind: "PROVIDER" }, userId: { not: userId }, user: { disabledAt: null, deletedAt: null } },
  });
  if (others === 0) throw conflict("userId", "this is the last provider admin; make someone else a provider admin first");
}
