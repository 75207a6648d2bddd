import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { purgeCrmHistory } from "@/server/crm/engine/retention";
import { inngest } from "../client";

/** Daily: drops CRM call logs, finished queue items and runs older than CRM_CALL_LOG_RETENTION_DAYS. */
export const purgeCrmHistoryDaily = inngest.createFunction(
  { id: "purge-crm-history", triggers: [{ cron: "17 3 * * *" }] },
  async ({ step }) => step.run("purge", () => purgeCrmHistory(db, { retentionDays: appEnv.crm().callLogRetentionDays })),
);
