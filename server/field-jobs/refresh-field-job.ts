/** "Refresh" on a ticket's job: reads that one job's status now, as the scheduled pull would. */
import type { Db } from "@/server/db";
import { CrmError } from "@/server/crm/errors";
import { applyRemoteJobStatus, type ApplyStatusOutcome } from "./apply-job-status";
import type { FieldJobGateway } from "./field-job-gateway";

export async function refreshFieldJob(db: Db, gateway: FieldJobGateway, fieldJobId: string): Promise<ApplyStatusOutcome> {
  const job = await db.fieldJob.findUnique({ where: { id: fieldJobId }, select: { connectionId: true, remoteId: true } });
  if (!job) throw new CrmError("not_found", "That field job was not found");
  if (!job.remoteId) throw new CrmError("bad_request", "This job has not been created in Ascora yet");
  const [remote] = await gateway.getJobs([job.remoteId]);
  if (!remote) throw new CrmError("not_found", "Ascora no longer has this job");
  return applyRemoteJobStatus(db, { connectionId: job.connectionId, remoteId: remote.remoteId, status: remote.status, changedAt: remote.statusChangedAt, source: "pull" });
}
