/**
 * Making the remote job for a requested FieldJob, run by the CRM sync queue
 * (field-job-queue-handlers.ts), whose retries, backoff and dead letter
 * decide what happens after a failure; this file only does one attempt.
 * Before creating, the job is looked up by our reference, so an attempt whose
 * answer was lost (a timeout after the remote had made the job) adopts that
 * job instead of making a second.
 */
import type { Db } from "@/server/db";
import type { FieldJob } from "@/server/generated/prisma/client";
import { recordTicketEvent, SYSTEM_ACTOR } from "@/server/helpdesk/trail";
import type { FieldJobGateway, RemoteFieldJob } from "./field-job-gateway";
import { activeKeyOf } from "./request-field-job";

export interface PushFieldJobResult {
  outcome: "created" | "adopted";
  remote: RemoteFieldJob;
}

/** One attempt at the remote job; throws the gateway's ConnectorError when it fails. */
export async function pushFieldJob(
  db: Db,
  gateway: FieldJobGateway,
  job: FieldJob,
  opts: { remoteCustomerId: string; idempotencyKey: string },
): Promise<PushFieldJobResult> {
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: job.ticketId }, select: { number: true, subject: true } });
  const customer = job.customerId ? await db.customer.findUnique({ where: { id: job.customerId }, select: { name: true } }) : null;

  let remote = await gateway.findJobByReference(job.reference);
  const adopted = remote !== null;
  remote ??= await gateway.createJob(
    {
      reference: job.reference,
      remoteCustomerId: opts.remoteCustomerId,
      customerName: customer?.name ?? null,
      siteAddress: job.siteAddress,
      affectedServices: job.affectedServices,
      deviceSerials: job.deviceSerials,
      description: job.description,
      title: `${ticket.number}: ${ticket.subject}`,
    },
    opts.idempotencyKey,
  );

  const made = remote;
  await db.$transaction(async (tx) => {
    await tx.fieldJob.update({
      where: { id: job.id },
      data: {
        pushState: "CREATED",
        remoteId: made.remoteId,
        jobNumber: made.jobNumber,
        remoteUrl: made.url,
        remoteStatus: made.status,
        remoteStatusAt: made.statusChangedAt ?? new Date(),
        lastError: null,
      },
    });
    await recordTicketEvent(tx, {
      ticketId: job.ticketId,
      organisationId: job.organisationId,
      kind: "field_job_created",
      summary: `Field job ${made.jobNumber ?? made.remoteId} created (${made.status})`,
      actor: SYSTEM_ACTOR,
      data: { fieldJobId: job.id, remoteId: made.remoteId, adopted },
    });
  });
  return { outcome: adopted ? "adopted" : "created", remote: made };
}

/** Gives up on a job that never reached the remote (its queue item is dead): the ticket may ask again. */
export async function markFieldJobFailed(db: Db, fieldJobId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const job = await tx.fieldJob.findUnique({ where: { id: fieldJobId } });
    if (!job || job.pushState !== "PENDING") return;
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

/**
 * A failed job retried from the dead letter becomes the ticket's active job
 * again, unless a newer job took its place meanwhile (then false).
 */
export async function reviveFieldJob(db: Db, job: FieldJob): Promise<boolean> {
  const activeKey = activeKeyOf(job.ticketId, job.connectionId);
  // Check and claim in one statement; the unique activeKey still refuses a second active job under a race.
  const revived = await db.$executeRaw`
    UPDATE "FieldJob" SET "pushState" = 'PENDING', "activeKey" = ${activeKey}, "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE "id" = ${job.id} AND "pushState" = 'FAILED'
      AND NOT EXISTS (SELECT 1 FROM "FieldJob" o WHERE o."activeKey" = ${activeKey})`;
  return revived === 1;
}
