import type { DbOrTx } from "@/server/db";

/** How many login rows are in each geolocation state (for the settings page). */
export async function getGeoStateCounts(db: DbOrTx): Promise<Record<"PENDING" | "DONE" | "PRIVATE" | "FAILED", number>> {
  const groups = await db.loginEvent.groupBy({ by: ["geoState"], _count: { _all: true } });
  const counts = { PENDING: 0, DONE: 0, PRIVATE: 0, FAILED: 0 };
  for (const group of groups) counts[group.geoState] = group._count._all;
  return counts;
}
