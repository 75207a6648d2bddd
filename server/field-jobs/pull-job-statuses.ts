/**
 * The scheduled pull: reads the current status of a connection's active jobs
 * in batches and applies each change (webhooks bring the same changes sooner;
 * the pull catches any a webhook missed).
 */
import type { Db } from "@/server/db";
import { applyRemoteJobStatus, type ApplyStatusOutcome } from "./apply-job-status";
import type { FieldJobGateway } from "./field-job-gateway";

const BATCH = 100;

export async function pullJobStatuses(db: Db, gateway: FieldJobGateway, connectionId: string): Promise<Record<ApplyStatusOutcome, number>> {
  const counts: Record<ApplyStatusOutcome, number> = { applied: 0, unchanged: 0, stale: 0, unknown_job: 0 };
  let after = "";
  for (;;) {
    const jobs = await db.fieldJob.findMany({
      where: { connectionId, pushState: "CREATED", activeKey: { not: null }, remoteId: { not: null }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, remoteId: true },
    });
    if (jobs.length === 0) break;
    const remote = await gateway.getJobs(jobs.map((j) => j.remoteId!));
    for (const r of remote) {
      const outcome = await applyRemoteJobStatus(db, { connectionId, remoteId: r.remoteId, status: r.status, changedAt: r.statusChangedAt, source: "pull" });
      counts[outcome] += 1;
    }
    after = jobs[jobs.length - 1]!.id;
    if (jobs.length < BATCH) break;
  }
  return counts;
}
