import { db } from "@/server/db";
import { importAscoraAccounting } from "@/server/billing/external/import-ascora-accounting";
import { inngest } from "../client";
import { externalAccountingImportRequested } from "../events";

/**
 * Imports one connection's invoices and payments from its accounting API
 * (after each scheduled pull, and on "Pull now"). One import per connection
 * at a time; a retry re-reads Ascora, and unmarked records upsert, so a
 * retried run stores nothing twice.
 */
export const importExternalAccounting = inngest.createFunction(
  {
    id: "import-external-accounting",
    triggers: [externalAccountingImportRequested],
    concurrency: { limit: 1, key: "event.data.connectionId" },
    retries: 3,
  },
  async ({ event, step }) =>
    step.run("import-invoices-and-payments", () =>
      importAscoraAccounting(db, event.data.connectionId, { runId: event.data.runId, trigger: event.data.runId ? "manual" : "schedule" }),
    ),
);
