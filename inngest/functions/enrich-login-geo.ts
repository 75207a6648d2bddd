import { db } from "@/server/db";
import { runLoginGeoEnrichment } from "@/server/audit/enrich-login-geo";
import { inngest } from "../client";

/** Every 5 minutes: geolocates pending login-audit rows (private ones skipped, 30-day cache, stops at the provider's limit). */
export const enrichLoginGeo = inngest.createFunction(
  // One run at a time: two would spend the provider's budget twice on the same rows.
  { id: "enrich-login-geo", concurrency: { limit: 1 }, triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => step.run("enrich-pending-rows", () => runLoginGeoEnrichment(db)),
);
