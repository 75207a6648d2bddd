import { deliverDueWebhooks } from "@/server/billing/webhooks/deliver-webhook";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { inngest } from "../client";

/** Every minute: the retries (and any lost first attempts) of outbound billing webhooks that are due. */
export const drainBillingWebhooks = inngest.createFunction(
  { id: "drain-billing-webhooks", concurrency: { limit: 1 }, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) =>
    step.run("deliver-due-webhooks", async () => {
      const cfg = appEnv.billing();
      const result = await deliverDueWebhooks(db, { scheduleMs: cfg.webhookRetryScheduleMs, allowLoopback: cfg.allowLoopbackWebhooks });
      return { attempted: result.attempted };
    }),
);
