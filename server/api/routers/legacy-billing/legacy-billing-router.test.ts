import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
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
    await executeImportRun(db, run.id);
    const summary = await admin.legacyBilling.reconciliation.run({ period: "2026-10" });
    expect(summary.periods).toEqual(["2026-10"]);
    const refused = await errorOf(admin.legacyBilling.reconciliation.signOff({ period: "2026-10" }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/outside the tolerance/);
    const badPeriod = await errorOf(admin.legacyBilling.reconciliation.signOff({ period: "2026-13" }));
    expect(badPeriod.code).toBe("BAD_REQUEST");
    const csv = await admin.legacyBilling.reconciliation.csv({ period: "2026-10" });
    expect(csv.split("\n")[0]).toMatch(/^period,customer,/);
  });
});
