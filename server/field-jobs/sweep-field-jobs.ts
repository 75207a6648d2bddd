/**
 * The safety net behind the after-commit hand-offs: jobs still waiting to be
 * created and deliveries still waiting to be sent a while after they were
 * asked for (a lost event, an inline run that hit a retryable failure) are
 * worked again. Both steps are idempotent, so overlapping with a live run is harmless.
 */
import type { Db } from "@/server/db";
import { toConnectorError } from "@/server/crm/connector";
import type { FieldJobGateway } from "./field-job-gateway";
import { sendFieldJobDeliveries } from "./job-deliveries";
import { pushFieldJob } from "./push-field-job";

const GRACE_MS = 60_000;

export async function sweepFieldJobs(db: Db, gateway: FieldJobGateway, connectionId: string, now = new Date()) {
  const before = new Date(now.getTime() - GRACE_MS);
  const jobs = await db.fieldJob.findMany({
    where: {
      connectionId,
      OR: [
        { pushState: "PENDING", createdAt: { lt: before } },
        { pushState: "CREATED", deliveries: { some: { state: "PENDING", createdAt: { lt: before } } } },
      ],
    },
    select: { id: true },
    take: 100,
  });
  let retried = 0;
  let stillFailing = 0;
  for (const job of jobs) {
    try {
      await pushFieldJob(db, gateway, job.id);
      await sendFieldJobDeliveries(db, gateway, job.id);
      retried += 1;
    } catch (e) {
      // Retryable trouble (the remote is down): the next sweep tries again.
      if (!toConnectorError(e).retryable) throw e;
      stillFailing += 1;
    }
  }
  return { retried, stillFailing };
}
