import { db } from "@/server/db";
import { purgeExpiredLoginEvents } from "@/server/audit/purge-login-events";
import { inngest } from "../client";

/** Daily at 03:00 UTC: deletes login-audit rows older than the retention setting (0 = keep for ever). */
export const purgeLoginEvents = inngest.createFunction(
  { id: "purge-login-events", triggers: [{ cron: "TZ=UTC 0 3 * * *" }] },
  async ({ step }) => step.run("delete-expired-rows", () => purgeExpiredLoginEvents(db)),
);
