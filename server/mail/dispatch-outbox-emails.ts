import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { inngest } from "@/inngest/client";
import { emailQueued } from "@/inngest/events";
import { deliverOutboxEmail } from "./deliver-outbox-email";

/**
 * Wakes the delivery worker for messages already committed to the outbox.
 * When Inngest cannot be reached (no dev server on this machine), the
 * messages are sent from this process instead; either way a failure stays in
 * the outbox and the drain cron or an admin retries it.
 */
export async function dispatchOutboxEmails(ids: string[]): Promise<void> {
  if (ids.length === 0 || !appEnv.mail().SMTP_URL) return;
  await sendOrRunInline(
    "mail.outbox",
    () => inngest.send(ids.map((emailId) => emailQueued.create({ emailId }))),
    async () => {
      for (const id of ids) {
        await deliverOutboxEmail(db, id, { force: true }).catch((err) => logger.error("mail.inline_failed", { err }));
      }
    },
  );
}
