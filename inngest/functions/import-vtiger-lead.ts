import { db } from "@/server/db";
import { importConvertedLead } from "@/server/crm/webhooks/lead-converted";
import { inngest } from "../client";
import { crmLeadConverted, crmSyncRequested } from "../events";

/** Creates or links the customer for a contact Vtiger's lead webhook sent; a second delivery of the contact is a no-op. */
export const importVtigerLead = inngest.createFunction(
  { id: "import-vtiger-lead", triggers: [crmLeadConverted], retries: 5 },
  async ({ event, step }) => {
    const result = await step.run("create-or-link-customer", () => importConvertedLead(db, event.data));
    if (result.wake.length) {
      await step.sendEvent("wake-queue-workers", result.wake.map((connectionId) => crmSyncRequested.create({ connectionId })));
    }
    return result;
  },
);
