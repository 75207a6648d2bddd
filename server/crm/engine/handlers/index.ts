import type { CrmSyncOperation } from "@/server/generated/prisma/client";
import { deleteRecordHandler, noteHandler, taskHandler } from "./activity-handlers";
import type { QueueItemHandler } from "./handler-context";
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
