import { db } from "@/server/db";
import { crmConfig } from "@/server/crm/crm-config";
import { purgeCrmHistory } from "@/server/crm/engine/retention";
import { inngest } from "../client";

/** Daily: drops CRM call logs, finished queue items and runs older than CRM_CALL_LOG_RETENTION_DAYS. */
export const purgeCrmHistoryDaily = inngest.createFunction(
  { id: "purge-crm-history", triggers: [{ cron: "17 3 * * *" }] },
  async ({ step }) => step.run("purge", () => purgeCrmHistory(db, { retentionDays: crmConfig().callLogRetentionDays })),
);
