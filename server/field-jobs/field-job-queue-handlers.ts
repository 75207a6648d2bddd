/**
 * Field jobs, job notes and job attachments as CRM sync-queue entities: the
 * engine claims, retries (backoff, Retry-After), dead-letters and logs their
 * items like any other; these handlers do one attempt each through the
 * connection's FieldJobGateway and record the link (our row ↔ remote id).
 * A job whose customer is not linked yet waits for the customer's push
 * (queued here if nothing is on its way); a note or attachment waits for its
 * job. Waiting spends no attempt.
 */
import type { Db } from "@/server/db";
import type { CrmConnection, FieldJob } from "@/server/generated/prisma/client";
import { ConnectorError } from "@/server/crm/connector";
import { getConnectorProvider } from "@/server/crm/connector-registry";
import { enqueueRecordChange } from "@/server/crm/engine/enqueue";
import type { EntityQueueHandlers, HandlerContext, HandlerResult } from "@/server/crm/engine/handlers/handler-context";
import { ItemWait, releaseWaiting } from "@/server/crm/engine/item-wait";
import { fieldJobGatewayFor } from "./field-job-gateways";
import { markDeliveryFailed, sendJobDelivery } from "./job-deliveries";
import { markFieldJobFailed, pushFieldJob, reviveFieldJob } from "./push-field-job";

const OPEN_ITEM = ["PENDING", "PROCESSING", "FAILED"] as const;

function remoteModule(connection: CrmConnection, entity: "field_job" | "job_note" | "job_attachment"): string {
  return getConnectorProvider(connection.provider).entityModules[entity] ?? entity;
}

/** Remembers where the record went, the way every synced record's link does. */
async function linkRecord(ctx: HandlerContext, entity: "field_job" | "job_note" | "job_attachment", externalId: string, remoteUrl: string | null) {
  const { db, connection, item } = ctx;
  const data = { module: remoteModule(connection, entity), externalId, status: "SYNCED" as const, lastError: null, lastSyncedAt: ctx.now(), remoteUrl };
  await db.syncLink.upsert({
    where: { connectionId_entity_entityId: { connectionId: connection.id, entity, entityId: item.entityId } },
    create: { connectionId: connection.id, entity, entityId: item.entityId, ...data },
    update: data,
  });
}

/** The remote id of the job's customer, or an ItemWait naming what the job waits for. */
async function remoteCustomerOrWait(ctx: HandlerContext, job: FieldJob): Promise<string> {
  const { db, connection } = ctx;
  if (!job.customerId) {
    throw new ConnectorError("validation", "The ticket's organisation has no customer record to put the job under; add one, then retry this item", {
      retryable: false,
    });
  }
  const link = await db.syncLink.findUnique({
    where: { connectionId_entity_entityId: { connectionId: connection.id, entity: "customer", entityId: job.customerId } },
    select: { externalId: true, status: true },
  });
  if (link?.externalId && link.status !== "REMOTE_DELETED") return link.externalId;

  const customer = await db.customer.findUniqueOrThrow({ where: { id: job.customerId }, select: { name: true } });
  const waitFor = { entity: "customer", entityId: job.customerId };
  const pushes = await db.syncQueueItem.findMany({
    where: { connectionId: connection.id, entity: "customer", entityId: job.customerId, operation: { in: ["CREATE", "UPDATE"] }, status: { in: [...OPEN_ITEM, "DEAD"] } },
    orderBy: { createdAt: "desc" },
    select: { status: true, lastError: true },
  });
  let reason = `Waiting for customer ${customer.name} to be created in ${connection.name}`;
  if (!pushes.some((p) => p.status !== "DEAD")) {
    const dead = pushes.find((p) => p.status === "DEAD");
    if (dead) {
      reason = `Waiting for customer ${customer.name}: its push to ${connection.name} is in the dead letter (${dead.lastError ?? "failed"}); retry it there`;
    } else {
      const queued = await enqueueRecordChange(db, { entity: "customer", entityId: job.customerId, operation: "CREATE", onlyConnectionId: connection.id }, { correlationId: ctx.item.correlationId });
      if (queued.length === 0) {
        throw new ConnectorError("config", `Customers are not synced on ${connection.name}: enable its customer module, then retry this item`, { retryable: false });
      }
    }
  }
  // The ticket's job card shows why its job has not gone out yet.
  await db.fieldJob.updateMany({ where: { id: job.id, pushState: "PENDING" }, data: { lastError: reason } });
  throw new ItemWait(reason, waitFor);
}

async function createJob(ctx: HandlerContext): Promise<HandlerResult> {
  const { db, item } = ctx;
  let job = await db.fieldJob.findUnique({ where: { id: item.entityId } });
  if (!job) return { message: "The field job no longer exists; nothing to create" };
  if (job.pushState === "FAILED") {
    // Retried from the dead letter.
    if (!(await reviveFieldJob(db, job))) {
      throw new ConnectorError("config", "The ticket has a newer field job on this connection; this one stays failed", { retryable: false });
    }
    job = await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } });
  }
  if (job.pushState === "CREATED" && job.remoteId) {
    await linkRecord(ctx, "field_job", job.remoteId, job.remoteUrl);
    return { message: "The job was already created" };
  }
  const remoteCustomerId = await remoteCustomerOrWait(ctx, job);
  const gateway = await fieldJobGatewayFor(db, ctx.connection.id);
  const { outcome, remote } = await pushFieldJob(db, gateway, job, { remoteCustomerId, idempotencyKey: item.idempotencyKey });
  await linkRecord(ctx, "field_job", remote.remoteId, remote.url);
  return { message: outcome === "adopted" ? `Adopted job ${remote.jobNumber ?? remote.remoteId} an earlier attempt created` : `Created job ${remote.jobNumber ?? remote.remoteId}` };
}

async function sendDelivery(ctx: HandlerContext, entity: "job_note" | "job_attachment"): Promise<HandlerResult> {
  const { db, item, connection } = ctx;
  const delivery = await db.fieldJobDelivery.findUnique({ where: { id: item.entityId }, include: { fieldJob: true } });
  if (!delivery) return { message: "Nothing to send any more" };
  if (delivery.state === "SENT") return { message: "Already sent" };
  const job = delivery.fieldJob;
  if (job.pushState !== "CREATED" || !job.remoteId) {
    const jobRetrying = await db.syncQueueItem.count({ where: { connectionId: connection.id, entity: "field_job", entityId: job.id, status: { in: [...OPEN_ITEM] } } });
    if (job.pushState === "FAILED" && jobRetrying === 0) {
      throw new ConnectorError("config", "The field job was never created; retry the job from the dead letter, then this item", { retryable: false });
    }
    throw new ItemWait("Waiting for the field job to be created first", { entity: "field_job", entityId: job.id });
  }
  if (delivery.state === "FAILED") await db.fieldJobDelivery.update({ where: { id: delivery.id }, data: { state: "PENDING" } });
  const gateway = await fieldJobGatewayFor(db, connection.id);
  const remote = await sendJobDelivery(db, gateway, delivery, job.remoteId, item.idempotencyKey);
  await linkRecord(ctx, entity, remote.remoteId, job.remoteUrl);
  return { message: `Sent to job ${job.jobNumber ?? job.remoteId}` };
}

export const fieldJobQueueHandlers: EntityQueueHandlers = {
  operations: { CREATE: createJob },
  async onDead(db: Db, item, error) {
    await markFieldJobFailed(db, item.entityId, error.message);
    // Its notes and attachments stop waiting and say why.
    await releaseWaiting(db, item.connectionId, [`field_job:${item.entityId}`]);
  },
};

export const jobNoteQueueHandlers: EntityQueueHandlers = {
  operations: { CREATE: (ctx) => sendDelivery(ctx, "job_note") },
  onDead: (db, item, error) => markDeliveryFailed(db, item.entityId, error.message),
};

export const jobAttachmentQueueHandlers: EntityQueueHandlers = {
  operations: { CREATE: (ctx) => sendDelivery(ctx, "job_attachment") },
  onDead: (db, item, error) => markDeliveryFailed(db, item.entityId, error.message),
};
