/**
 * Making the remote job for a requested FieldJob. Safe to run any number of
 * times: a job already CREATED is left alone, and before creating we look the
 * job up by our reference, so an attempt whose answer was lost (a timeout
 * after the remote had made the job) adopts that job instead of making a
 * second. Retryable failures are thrown for the runner to retry; anything
 * else (and the last retry, via markFieldJobFailed) fails the job, frees the
 * ticket for a new request, and says why on the ticket's trail.
 */
import type { Db } from "@/server/db";
import { toConnectorError } from "@/server/crm/connector";
import { recordTicketEvent, SYSTEM_ACTOR } from "@/server/helpdesk/trail";
import type { FieldJobGateway, RemoteFieldJob } from "./field-job-gateway";

export interface PushFieldJobResult {
  outcome: "created" | "adopted" | "already_created" | "failed";
  remoteId?: string;
}

export async function pushFieldJob(db: Db, gateway: FieldJobGateway, fieldJobId: string): Promise<PushFieldJobResult> {
  const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId } });
  if (job.pushState === "CREATED" && job.remoteId) return { outcome: "already_created", remoteId: job.remoteId };
  if (job.pushState === "FAILED") return { outcome: "failed" };

  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: job.ticketId }, select: { number: true, subject: true } });
  const customer = job.customerId
    ? await db.customer.findUnique({ where: { id: job.customerId }, select: { name: true } })
    : null;
  const link = job.customerId
    ? await db.syncLink.findUnique({
        where: { connectionId_entity_entityId: { connectionId: job.connectionId, entity: "customer", entityId: job.customerId } },
        select: { externalId: true },
      })
    : null;

  let remote: RemoteFieldJob;
  let adopted = false;
  try {
    const found = await gateway.findJobByReference(job.reference);
    if (found) {
      remote = found;
      adopted = true;
    } else {
      remote = await gateway.createJob(
        {
          reference: job.reference,
          remoteCustomerId: link?.externalId ?? null,
          customerName: customer?.name ?? null,
          siteAddress: job.siteAddress,
          affectedServices: job.affectedServices,
          deviceSerials: job.deviceSerials,
          description: job.description,
          title: `${ticket.number}: ${ticket.subject}`,
        },
        `field-job:${job.id}`,
      );
    }
  } catch (e) {
    const error = toConnectorError(e);
    if (error.retryable) throw error;
    await markFieldJobFailed(db, job.id, error.message);
    return { outcome: "failed" };
  }

  await db.$transaction(async (tx) => {
    await tx.fieldJob.update({
      where: { id: job.id },
      data: {
        pushState: "CREATED",
        remoteId: remote.remoteId,
        jobNumber: remote.jobNumber,
        remoteUrl: remote.url,
        remoteStatus: remote.status,
        remoteStatusAt: remote.statusChangedAt ?? new Date(),
        lastError: null,
      },
    });
    await recordTicketEvent(tx, {
      ticketId: job.ticketId,
      organisationId: job.organisationId,
      kind: "field_job_created",
      summary: `Field job ${remote.jobNumber ?? remote.remoteId} created (${remote.status})`,
      actor: SYSTEM_ACTOR,
      data: { fieldJobId: job.id, remoteId: remote.remoteId, adopted },
    });
  });
  return { outcome: adopted ? "adopted" : "created", remoteId: remote.remoteId };
}

/** Gives up on a job that never reached the remote: the ticket may ask again. */
export async function markFieldJobFailed(db: Db, fieldJobId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const job = await tx.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId } });
    if (job.pushState !== "PENDING") return;
    await tx.fieldJob.update({ where: { id: job.id }, data: { pushState: "FAILED", activeKey: null, lastError: reason.slice(0, 1000) } });
    await recordTicketEvent(tx, {
      ticketId: job.ticketId,
      organisationId: job.organisationId,
      kind: "field_job_failed",
      summary: `Field job could not be created: ${reason.slice(0, 300)}`,
      actor: SYSTEM_ACTOR,
      data: { fieldJobId: job.id },
    });
  });
}
