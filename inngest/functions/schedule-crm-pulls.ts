import { db } from "@/server/db";
import { connectionsDueForPull } from "@/server/crm/engine/pull-schedule";
import { inngest } from "../client";
import { crmPullRequested } from "../events";

/** Every minute: starts the pull of each connection whose own interval (its schedule) has come round. */
export const scheduleCrmPulls = inngest.createFunction(
  { id: "schedule-crm-pulls", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const due = await step.run("find-due-connections", () => connectionsDueForPull(db));
    if (due.length) await step.sendEvent("start-pulls", due.map((connectionId) => crmPullRequested.create({ connectionId })));
    return { started: due };
  },
);
