import { db } from "@/server/db";
import { MAX_WINDOW_MS, purgeIdleRateLimits } from "@/server/security/rate-limit";
import { inngest } from "../client";

/** Daily: deletes rate-limit buckets idle for a day (no window is longer, so each of them is full). */
export const purgeRateLimits = inngest.createFunction(
  { id: "purge-rate-limits", triggers: [{ cron: "TZ=UTC 40 3 * * *" }] },
  async ({ step }) => step.run("purge-idle-buckets", () => purgeIdleRateLimits(db, MAX_WINDOW_MS)),
);
