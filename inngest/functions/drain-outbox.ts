import { db } from "@/server/db";
import { deliverDueEmails } from "@/server/mail/deliver-outbox-email";
import { inngest } from "../client";

/** Every minute: sends whatever is due, so a lost event delays mail but never loses it. */
export const drainOutbox = inngest.createFunction(
  { id: "drain-outbox", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("deliver-due-emails", () => deliverDueEmails(db)),
);
