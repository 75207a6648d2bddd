import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { sendDueReminders } from "@/server/approvals/send-reminders";
import { inngest } from "../client";

/**
 * Daily at 09:00 UTC: one reminder for each approval request still pending
 * after the configured number of days (0 = off). Never a second reminder:
 * each request is claimed in the transaction that queues its e-mail.
 */
export const sendApprovalReminders = inngest.createFunction(
  { id: "send-approval-reminders", triggers: [{ cron: "TZ=UTC 0 9 * * *" }] },
  async ({ step }) => step.run("send-due-reminders", () => sendDueReminders(appEnv.approvalContext(), {}, db)),
);
