import { db } from "@/server/db";
import { deliverOutboxEmail } from "@/server/mail/deliver-outbox-email";
import { inngest } from "../client";
import { emailQueued } from "../events";

/** Sends one outbox message; a failed send throws so Inngest retries the step with backoff. */
export const deliverEmail = inngest.createFunction(
  { id: "deliver-email", retries: 5, triggers: [emailQueued] },
  async ({ event, step }) => {
    return step.run("send-over-smtp", async () => {
      const result = await deliverOutboxEmail(db, event.data.emailId, { force: true });
      if (result.status === "failed" && result.willRetry) throw new Error(`SMTP delivery failed: ${result.error}`);
      return result;
    });
  },
);
