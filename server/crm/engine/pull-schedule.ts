/**
 * Which connections are due for a scheduled pull: enabled, with a pull
 * interval, whose last successful pull is older than that interval, and with
 * no pull running right now (a pull stuck for 15 minutes no longer counts).
 */
import type { Db } from "@/server/db";

const STUCK_PULL_MS = 15 * 60_000;

export async function connectionsDueForPull(db: Db, now: Date = new Date()): Promise<string[]> {
  const connections = await db.crmConnection.findMany({
    where: { enabled: true, deletedAt: null, pullIntervalMinutes: { gt: 0 } },
    select: { id: true, pullIntervalMinutes: true, lastPullAt: true },
  });
  const running = await db.syncRun.findMany({
    where: { kind: "PULL", status: "RUNNING", startedAt: { gt: new Date(now.getTime() - STUCK_PULL_MS) } },
    select: { connectionId: true },
  });
  const busy = new Set(running.map((r) => r.connectionId));
  return connections
    .filter((c) => !busy.has(c.id))
    .filter((c) => !c.lastPullAt || c.lastPullAt.getTime() + c.pullIntervalMinutes * 60_000 <= now.getTime())
    .map((c) => c.id);
}
