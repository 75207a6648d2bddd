/**
 * Public replies, notes marked for the field team, and their attachments,
 * sent to the ticket's field jobs, each once. Queuing writes one delivery row
 * per job and source (unique), in the message's own transaction; sending
 * marks each row SENT, so a retry or a second run skips what already went.
 * Internal notes not marked for the field team are never queued.
 */
import type { Db, DbOrTx } from "@/server/db";
import { toConnectorError } from "@/server/crm/connector";
import type { FieldJobGateway } from "./field-job-gateway";

/** Queues a message (and its attachments) for every active field job of its ticket; returns the jobs that got work. */
export async function queueFieldJobDeliveries(tx: DbOrTx, messageId: string): Promise<string[]> {
  const message = await tx.ticketMessage.findUniqueOrThrow({
    where: { id: messageId },
    select: { ticketId: true, visibility: true, forFieldTeam: true, attachments: { select: { id: true } } },
  });
  if (message.visibility !== "public" && !message.forFieldTeam) return [];
  const jobs = await tx.fieldJob.findMany({
    where: { ticketId: message.ticketId, activeKey: { not: null } },
    select: { id: true },
  });
  if (jobs.length === 0) return [];
  await tx.fieldJobDelivery.createMany({
    skipDuplicates: true,
    data: jobs.flatMap((job) => [
      { fieldJobId: job.id, kind: "note", sourceId: messageId },
      ...message.attachments.map((a) => ({ fieldJobId: job.id, kind: "attachment", sourceId: a.id })),
    ]),
  });
  return jobs.map((j) => j.id);
}

export interface SendDeliveriesResult {
  sent: number;
  failed: number;
  /** The job does not exist remotely yet: deliveries wait for it. */
  waiting: boolean;
}

/** Sends a job's waiting deliveries in order; a retryable failure is thrown (the rest wait for the retry). */
export async function sendFieldJobDeliveries(db: Db, gateway: FieldJobGateway, fieldJobId: string): Promise<SendDeliveriesResult> {
  const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId }, select: { id: true, remoteId: true, pushState: true } });
  if (job.pushState !== "CREATED" || !job.remoteId) return { sent: 0, failed: 0, waiting: true };
  const pending = await db.fieldJobDelivery.findMany({ where: { fieldJobId, state: "PENDING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  let sent = 0;
  let failed = 0;
  for (const delivery of pending) {
    const key = `field-job-delivery:${delivery.id}`;
    try {
      const remote =
        delivery.kind === "note"
          ? await gateway.addJobNote(job.remoteId, await noteText(db, delivery.sourceId), key)
          : await gateway.addJobAttachment(job.remoteId, await attachmentFile(db, delivery.sourceId), key);
      // Conditional: if two senders raced, only the first marks it (the remote got the same idempotency key twice).
      await db.fieldJobDelivery.updateMany({
        where: { id: delivery.id, state: "PENDING" },
        data: { state: "SENT", remoteId: remote.remoteId, sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
      sent += 1;
    } catch (e) {
      const error = toConnectorError(e);
      await db.fieldJobDelivery.update({
        where: { id: delivery.id },
        data: { attempts: { increment: 1 }, lastError: error.message.slice(0, 1000), ...(error.retryable ? {} : { state: "FAILED" }) },
      });
      if (error.retryable) throw error;
      failed += 1;
    }
  }
  return { sent, failed, waiting: false };
}

async function noteText(db: Db, messageId: string): Promise<string> {
  const m = await db.ticketMessage.findUniqueOrThrow({ where: { id: messageId }, select: { authorName: true, visibility: true, body: true, createdAt: true } });
  const kind = m.visibility === "public" ? "Reply on the ticket" : "Note for the field team";
  return `${kind} from ${m.authorName} (${m.createdAt.toISOString()}):\n\n${m.body}`;
}

async function attachmentFile(db: Db, attachmentId: string) {
  const a = await db.ticketAttachment.findUniqueOrThrow({ where: { id: attachmentId }, select: { filename: true, contentType: true, data: true } });
  return { filename: a.filename, contentType: a.contentType, data: new Uint8Array(a.data) };
}
