import type { CrmSyncOperation, SyncQueueItem } from "@/server/generated/prisma/client";
import { ConnectorError } from "../../connector";
import { fieldJobQueueHandlers, jobAttachmentQueueHandlers, jobNoteQueueHandlers } from "@/server/field-jobs/field-job-queue-handlers";
import { deleteRecordHandler, noteHandler, taskHandler } from "./activity-handlers";
import type { EntityQueueHandlers, QueueItemHandler } from "./handler-context";
import { paymentSummaryHandler } from "./payment-summary-handler";
import { pushRecordHandler } from "./push-record";
import { userPasswordHandler, userProvisionHandler, userStatusHandler } from "./user-handlers";

/** The handler of each queue operation. */
export const activityHandlers: Record<CrmSyncOperation, QueueItemHandler> = {
  CREATE: pushRecordHandler,
  UPDATE: pushRecordHandler,
  DELETE: deleteRecordHandler,
  NOTE: noteHandler,
  TASK: taskHandler,
  USER_PROVISION: userProvisionHandler,
  USER_STATUS: userStatusHandler,
  USER_PASSWORD: userPasswordHandler,
  PAYMENT_SUMMARY: paymentSummaryHandler,
};

/**
 * Entities whose items their own domain handles (through a provider-neutral
 * gateway, never a connector named here); every other entity uses the
 * operation handlers above.
 */
const ENTITY_HANDLERS: Record<string, EntityQueueHandlers> = {
  field_job: fieldJobQueueHandlers,
  job_note: jobNoteQueueHandlers,
  job_attachment: jobAttachmentQueueHandlers,
};

/** The entity's own handlers, or null when the generic operation handlers apply. */
export function entityQueueHandlers(entity: string): EntityQueueHandlers | null {
  return Object.hasOwn(ENTITY_HANDLERS, entity) ? ENTITY_HANDLERS[entity]! : null;
}

/** The handler that runs this item. */
export function handlerFor(item: Pick<SyncQueueItem, "entity" | "operation">): QueueItemHandler {
  const own = entityQueueHandlers(item.entity);
  if (!own) return activityHandlers[item.operation];
  return (
    own.operations[item.operation] ??
    (async () => {
      throw new ConnectorError("config", `${item.operation} is not an operation on ${item.entity} records`);
    })
  );
}
