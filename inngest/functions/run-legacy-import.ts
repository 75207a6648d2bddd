import { executeImportRun } from "@/server/legacy-billing/import/start-import";
import { db } from "@/server/db";
import { inngest } from "../client";
import { legacyImportRequested } from "../events";

/**
 * A shadow import run, one step per phase (identities, catalog,
 * subscriptions). Each step resumes from the run's checkpoint, so an Inngest
 * retry of a step never processes a row twice.
 */
export const runLegacyImport = inngest.createFunction(
  { id: "run-legacy-import", concurrency: { limit: 1 }, triggers: [legacyImportRequested] },
  async ({ event, step }) => {
    const { runId } = event.data as { runId: string };
    await step.run("import-users", () => executeImportRun(db, runId, "users"));
    await step.run("import-plans", () => executeImportRun(db, runId, "plans"));
    const run = await step.run("import-subscriptions", () => executeImportRun(db, runId, "subscriptions"));
    return { runId, status: run.status, processed: run.processed };
  },
);
