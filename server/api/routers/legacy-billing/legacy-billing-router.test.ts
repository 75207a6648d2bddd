import { InngestTestEngine } from "@inngest/test";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { runLegacyReconciliation } from "@/inngest/functions/run-legacy-reconciliation";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { createEmptyDatabase } from "@/server/testing/databases";
import { createLegacySample } from "@/server/legacy-billing/source/create-legacy-sample";
import { openLegacySource } from "@/server/legacy-billing/source/open-legacy-source";
import { createImportRun } from "@/server/legacy-billing/import/run-import";
import { executeImportRun } from "@/server/legacy-billing/import/start-import";

let url: string;
beforeAll(async () => {
  url = await createEmptyDatabase("legacy");
  await createLegacySample(url);
});

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("legacy billing router", () => {
  it("is for provider admins only", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    await expect(agent.legacyBilling.settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("stores the URL sealed, returns only host and database, and explains bad URLs with a 4xx", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const bad = await errorOf(admin.legacyBilling.settings.save({ url: "mysql://x@y/z" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const saved = await admin.legacyBilling.settings.save({ url, tolerance: "0.05" });
    const where = new URL(url);
    expect(saved).toEqual({ configured: true, where: `${where.hostname}:${where.port}${where.pathname}`, tolerance: "0.05" });
    expect(JSON.stringify(await admin.legacyBilling.settings.get())).not.toContain("postgres:");
    const row = await db.legacyBillingSettings.findUniqueOrThrow({ where: { id: "default" } });
    expect(row.sourceUrlSealed).toMatch(/^v1\./);
    expect(row.sourceUrlSealed).not.toContain(where.password);

    const tested = await admin.legacyBilling.settings.test({});
    expect(tested.counts.users).toBe(24);
    const noDb = new URL(url);
    noDb.pathname = "/nope";
    const missing = await errorOf(admin.legacyBilling.settings.test({ url: noDb.toString() }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toBe(`There is no database nope on the legacy server at ${where.hostname}:${where.port}`);
    const closed = new URL(url);
    closed.port = "1";
    const unreachable = await errorOf(admin.legacyBilling.settings.test({ url: closed.toString() }));
    expect(unreachable.message).toMatch(/^Cannot reach the legacy database server at 127\.0\.0\.1:1\//);
  });

  it("reconciles through the console procedures and refuses a sign-off with open deltas", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    await admin.legacyBilling.settings.save({ url });
    const source = await openLegacySource(url);
    const run = await createImportRun(db, source, { dryRun: false });
    await source.close();
    await executeImportRun(db, run.id, run.leaseId!);
    // The procedure only creates the run and sends the event; the Inngest function does the work.
    const sent: Array<{ name: string; data: { runId: string; leaseId: string } }> = [];
    const send = vi.spyOn(inngest, "send").mockImplementation(async (event) => {
      const { name, data } = event as (typeof sent)[number];
      sent.push({ name, data });
      return { ids: ["evt"] };
    });
    try {
      const { runId } = await admin.legacyBilling.reconciliation.run({ period: "2026-10" });
      expect(await admin.legacyBilling.reconciliation.getRun({ id: runId })).toMatchObject({ state: "running", processed: 0 });
      const second = await errorOf(admin.legacyBilling.reconciliation.run({}));
      expect(second.code).toBe("CONFLICT");
      expect(second.message).toMatch(/Another reconciliation run is still running/);
      expect(sent).toEqual([{ name: "legacy-billing/reconciliation.requested", data: { runId, leaseId: expect.any(String) } }]);
      const { error } = await new InngestTestEngine({ function: runLegacyReconciliation }).execute({ events: [sent[0]!] as never });
      expect(error).toBeUndefined();
      const done = await admin.legacyBilling.reconciliation.getRun({ id: runId });
      expect(done).toMatchObject({ state: "completed", periods: ["2026-10"] });
      expect(done!.processed).toBe(done!.total);
      const history = await admin.legacyBilling.reconciliation.runs({ state: "completed" });
      expect(history.rows.map((r) => r.id)).toEqual([runId]);
      expect(JSON.stringify(history)).not.toContain(sent[0]!.data.leaseId);
      const notStalled = await errorOf(admin.legacyBilling.reconciliation.resume({ id: runId }));
      expect(notStalled.code).toBe("CONFLICT");
      expect(notStalled.message).toMatch(/is completed; only a failed or stalled run can be resumed/);
    } finally {
      send.mockRestore();
    }
    const refused = await errorOf(admin.legacyBilling.reconciliation.signOff({ period: "2026-10" }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/outside the tolerance/);
    const badPeriod = await errorOf(admin.legacyBilling.reconciliation.signOff({ period: "2026-13" }));
    expect(badPeriod.code).toBe("BAD_REQUEST");
    const csv = await admin.legacyBilling.reconciliation.csv({ period: "2026-10" });
    expect(csv.split("\n")[0]).toMatch(/^period,customer,/);
  }, 90_000);
});
