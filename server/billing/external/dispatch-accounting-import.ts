/**
 * Handing an accounting import to Inngest, or running it in this process when
 * no Inngest server answers (a laptop, the e2e stack). The import is
 * idempotent (upsert on Ascora's Guids, mark after commit), so a hand-off that
 * runs twice stores nothing twice.
 */
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { inngest } from "@/inngest/client";
import { externalAccountingImportRequested } from "@/inngest/events";
import { importAscoraAccounting } from "./import-ascora-accounting";

export async function dispatchAccountingImport(connectionId: string, runId?: string): Promise<void> {
  await sendOrRunInline(
    "billing.external_accounting",
    () => inngest.send(externalAccountingImportRequested.create({ connectionId, ...(runId ? { runId } : {}) })),
    () => {
      void importAscoraAccounting(db, connectionId, { runId, trigger: runId ? "manual" : "schedule" }).catch((e: unknown) =>
        logger.warn("billing.external_import_failed", { connectionId, err: e }),
      );
    },
  );
}
