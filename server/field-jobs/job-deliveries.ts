/**
 * Public replies, notes marked for the field team, and their attachments,
 * sent to the ticket's field jobs, each once. Queuing writes one delivery row
 * per job and source (unique) and its sync-queue item, in the message's own
 * transaction; the queue sends it (field-job-queue-handlers.ts) and marks the
 * row SENT, so a retry or a second run skips what already went. Internal
 * notes not marked for the field team are never queued.
 */
import type { Db, DbOrTx } from "@/server/db";
import type { FieldJobDelivery } from "@/server/generated/prisma/client";
import { enqueueJobDeliveries } from "./enqueue-field-job-work";
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
  await enqueueJobDeliveries(tx, jobs.map((j) => j.id));
  return jobs.map((j) => j.id);
}

/** Sends one delivery to the remote job and marks it SENT; throws the gateway's ConnectorError when it fails. */
export async function sendJobDelivery(
  db: Db,
  gateway: FieldJobGateway,
  delivery: FieldJobDelivery,
  remoteJobId: string,
  idempotencyKey: string,
): Promise<{ remoteId: string }> {
  const remote =
    delivery.kind === "note"
      ? await gateway.addJobNote(remoteJobId, await noteText(db, delivery.sourceId), idempotencyKey)
      : await gateway.addJobAttachment(remoteJobId, await attachmentFile(db, delivery.sourceId), idempotencyKey);
  // Conditional: if two senders raced, only the first marks it (the remote got the same idempotency key twice).
  await db.fieldJobDelivery.updateMany({
    where: { id: delivery.id, state: { not: "SENT" } },
    data: { state: "SENT", remoteId: remote.remoteId, sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
  });
  return remote;
}

/** A delivery whose queue item went to the dead letter. */
export async function markDeliveryFailed(db: Db, deliveryId: string, reason: string): Promise<void> {
  await db.fieldJobDelivery.updateMany({
    where: { id: deliveryId, state: "PENDING" },
    data: { state: "FAILED", lastError: reason.slice(0, 1000), attempts: { increment: 1 } },
  });
}

/** What a person calls a delivery (the dashboard's queue). */
export async function deliveryLabels(db: DbOrTx, deliveries: readonly Pick<FieldJobDelivery, "id" | "kind" | "sourceId">[]): Promise<Map<string, string>> {
  const noteIds = deliveries.filter((d) => d.kind === "note").map((d) => d.sourceId);
  const fileIds = deliveries.filter((d) => d.kind !== "note").map((d) => d.sourceId);
  const [messages, files] = await Promise.all([
    noteIds.length ? db.ticketMessage.findMany({ where: { id: { in: noteIds } }, select: { id: true, visibility: true } }) : [],
    fileIds.length ? db.ticketAttachment.findMany({ where: { id: { in: fileIds } }, select: { id: true, filename: true } }) : [],
  ]);
  const noteKind = new Map(messages.map((m) => [m.id, m.visibility === "public" ? "Reply" : "Field-team note"]));
  const fileName = new Map(files.map((f) => [f.id, f.filename]));
  return new Map(
    deliveries.map((d) => [d.id, d.kind === "note" ? (noteKind.get(d.sourceId) ?? "Note") : `Attachment ${fileName.get(d.sourceId) ?? ""}`.trim()]),
  );
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
