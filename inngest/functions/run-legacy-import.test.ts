import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { saveLegacySettings } from "@/server/legacy-billing/import/legacy-settings";
import { createImportRun } from "@/server/legacy-billing/import/run-import";
import { setUpLegacySample } from "@/server/legacy-billing/source/legacy-sample-fixture";
import { runLegacyImport } from "./run-legacy-import";

const sample = setUpLegacySample();

describe("run-legacy-import", () => {
  it("runs a live import phase by phase from the configured source and records every row once", async () => {
    await saveLegacySettings(db, { url: sample.url }, null);
    const run = await createImportRun(db, sample.source, { dryRun: false });
    const engine = new InngestTestEngine({ function: runLegacyImport });
    const { result, error } = await engine.execute({ events: [{ name: "legacy-billing/import.requested", data: { runId: run.id, leaseId: run.leaseId } }] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ runId: run.id, status: "completed", processed: run.total });
    expect(await db.legacyImportRowResult.count({ where: { runId: run.id } })).toBe(run.total);
    expect(await db.billingSubscription.count({ where: { shadow: true } })).toBeGreaterThan(0);
  });
});
