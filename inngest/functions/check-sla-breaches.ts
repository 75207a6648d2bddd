import { db } from "@/server/db";
import { runSlaSweep } from "@/server/helpdesk/sla-sweep";
import { inngest } from "../client";

/**
 * Every five minutes: re-evaluates the SLA clocks of tickets being worked on,
 * records new breaches on their trails and raises escalation levels by rule
 * (server/helpdesk/sla-sweep.ts; "Run SLA check now" in settings calls the same).
 */
export const checkSlaBreaches = inngest.createFunction(
  { id: "check-sla-breaches", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => step.run("sweep-sla", () => runSlaSweep(db)),
);
