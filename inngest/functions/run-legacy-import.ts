import { executeImportRun } from "@/server/legacy-billing/import/start-import";
import { db } from "@/server/db";
import { inngest } from "../client";
import { legacyImportRequested } from "../events";

/**
 * A shadow import run, one step per phase (identities, catalog,
 * subscriptions). Each step resumes from the run's checkpoint under the
 * event's lease, so an Inngest retry of a step never processes a row twice,
 * and a run resumed from the console stops this one (a step then returns null).
 */
export const runLegacyImport = inngest.createFunction(
  { id: "run-legacy-import", concurrency: { limit: 1 }, triggers: [legacyImportRequested] },
  async ({ event, step }) => {
    const { runId, leaseId } = event.data as { runId: string; leaseId: string };
    for (const phase of ["users", "plans"] as const) {
      if (!(await step.run(`import-${phase}`, () => executeImportRun(db, runId, leaseId, phase)))) return { runId, status: "taken-over" };
    }
    const run = await step.run("import-subscriptions", () => executeImportRun(db, runId, leaseId, "subscriptions"));
    if (!run) return { runId, status: "taken-over" };
    return { runId, status: run.status, processed: run.processed };
  },
);
