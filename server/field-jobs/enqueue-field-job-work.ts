/**
 * Field-job work on the CRM sync queue, written in the caller's transaction
 * (the job request or the message it carries): a job's create is one item of
 * entity field_job, each reply, note or attachment one item of job_note or
 * job_attachment. The idempotency keys are stable per job and per delivery,
 * so enqueuing twice makes one item, and they are the keys the remote sees.
 */
import type { DbOrTx } from "@/server/db";
import { enqueueOperation, type EnqueuedItem } from "@/server/crm/engine/enqueue";

export const fieldJobItemKey = (fieldJobId: string) => `field-job:${fieldJobId}`;
export const deliveryItemKey = (deliveryId: string) => `field-job-delivery:${deliveryId}`;
export const deliveryEntity = (kind: string) => (kind === "note" ? "job_note" : "job_attachment");

/** Queues the remote create of these (new) jobs. */
export async function enqueueFieldJobCreates(tx: DbOrTx, fieldJobIds: readonly string[]): Promise<EnqueuedItem[]> {
  if (fieldJobIds.length === 0) return [];
  const jobs = await tx.fieldJob.findMany({ where: { id: { in: [...fieldJobIds] }, pushState: "PENDING" }, select: { id: true, connectionId: true } });
  const out: EnqueuedItem[] = [];
  for (const job of jobs) {
    out.push(
      await enqueueOperation(tx, {
        connectionId: job.connectionId,
        entity: "field_job",
        entityId: job.id,
        operation: "CREATE",
        payload: {},
        idempotencyKey: fieldJobItemKey(job.id),
      }),
    );
  }
  return out;
}

/** Queues every waiting delivery of these jobs that has no queue item yet. */
export async function enqueueJobDeliveries(tx: DbOrTx, fieldJobIds: readonly string[]): Promise<EnqueuedItem[]> {
  if (fieldJobIds.length === 0) return [];
  const deliveries = await tx.fieldJobDelivery.findMany({
    where: { fieldJobId: { in: [...fieldJobIds] }, state: "PENDING" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, fieldJob: { select: { connectionId: true } } },
  });
  const queued = new Set(
    (
      await tx.syncQueueItem.findMany({ where: { idempotencyKey: { in: deliveries.map((d) => deliveryItemKey(d.id)) } }, select: { idempotencyKey: true } })
    ).map((q) => q.idempotencyKey),
  );
  const out: EnqueuedItem[] = [];
  for (const d of deliveries) {
    if (queued.has(deliveryItemKey(d.id))) continue;
    out.push(
      await enqueueOperation(tx, {
        connectionId: d.fieldJob.connectionId,
        entity: deliveryEntity(d.kind),
        entityId: d.id,
        operation: "CREATE",
        payload: {},
        idempotencyKey: deliveryItemKey(d.id),
      }),
    );
  }
  return out;
}
