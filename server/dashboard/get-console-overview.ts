import type { Db } from "@/server/db";

/**
 * Figures for the console dashboard. Provider-wide by nature (the console is
 * the provider's), so callers must be provider staff.
 */
export async function getConsoleOverview(db: Db) {
  const [clientOrganisations, users, outbox] = await Promise.all([
    db.organisation.count({ where: { kind: "CLIENT" } }),
    db.user.count({ where: { disabledAt: null } }),
    db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const outboxByStatus = Object.fromEntries(outbox.map((o) => [o.status, o._count._all]));
  return { clientOrganisations, users, outboxByStatus };
}
