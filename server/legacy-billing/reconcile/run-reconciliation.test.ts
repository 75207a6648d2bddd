import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEmptyDatabase, withClient } from "@/server/testing/databases";
import { createLegacySample } from "../source/create-legacy-sample";
import { openLegacySource, type LegacySource } from "../source/open-legacy-source";
import { continueImportRun, createImportRun } from "../import/run-import";
import { runReconciliation } from "./reconciliation-runs";
import { reconciliationStatus } from "./run-reconciliation";
import { listReconciliations, reconciliationCsv, reviewReconciliation, summarisePeriods } from "./review-reconciliation";
import { getFlipChecklist, signOffPeriod } from "./sign-off-period";

let url: string;
let source: LegacySource;
const admin = { id: "admin-1", name: "Ada Admin" };

beforeAll(async () => {
  url = await createEmptyDatabase("legacy");
  await createLegacySample(url);
  source = await openLegacySource(url);
  const run = await createImportRun(db, source, { dryRun: false });
  await continueImportRun(db, run.id, source);
});
afterAll(async () => {
  await source?.close();
});

async function rowsOf(period?: string) {
  return (await listReconciliations(db, { period, limit: 1000 })).rows;
}

describe("reconciliationStatus", () => {
  it("treats the tolerance edge as a match on both sides and a cent beyond as a delta", () => {
    expect(reconciliationStatus("0.01", "0.01")).toBe("match");
    expect(reconciliationStatus("-0.01", "0.01")).toBe("match");
    expect(reconciliationStatus("0.011", "0.01")).toBe("delta");
    expect(reconciliationStatus("-0.011", "0.01")).toBe("delta");
    expect(reconciliationStatus("0", "0")).toBe("match");
  });
});

describe("dual-run reconciliation on the sample", () => {
  it("matches flat + overage priced by the rating engine, and flags what the legacy biller charged outside it", async () => {
    const summary = await runReconciliation(db, source, { tolerance: "0.01" });
    expect(summary.periods).toEqual(["2026-08", "2026-09", "2026-10"]);
    const rows = await rowsOf();
    expect(rows.length).toBe(summary.match + summary.delta);
    expect(summary.match).toBeGreaterThan(summary.delta);
    // An add-on billed on a subscription invoice: Switchboard's amount is lower by the add-on.
    const addOn = rows.find((r) => r.legacyLines.some((l) => l.description === "WhatsApp Business Messaging" || l.description === "Daily Backup Protection"))!;
    expect(addOn.status).toBe("delta");
    const addOnAmount = addOn.legacyLines.find((l) => !/\(|overage/i.test(l.description))!.amount;
    expect(addOn.delta).toBe(`-${Number(addOnAmount).toFixed(2)}`);
    // A proration line ("Remaining time on …") is not something the metered model bills.
    const proration = rows.find((r) => r.legacyLines.some((l) => l.description.startsWith("Remaining time on")))!;
    expect(proration).toMatchObject({ status: "delta", delta: "-7.42" });
    // Overage: legacy billed started core-hours at 0.0075; the engine's package charge agrees to the cent.
    const withOverage = rows.filter((r) => r.legacyLines.some((l) => l.description.startsWith("CPU overage")) && r.legacyLines.length === 2);
    expect(withOverage.length).toBeGreaterThan(0);
    for (const r of withOverage) expect(r.status).toBe("match");
    expect(rows.find((r) => r.switchboardLines.some((l) => l.description.startsWith("CPU seconds")))).toBeDefined();
  });

  it("re-running upserts one row per subscription and period", async () => {
    const before = await db.legacyReconciliation.count();
    await runReconciliation(db, source, { tolerance: "0.01" });
    await runReconciliation(db, source, { period: "2026-09", tolerance: "0.01" });
    expect(await db.legacyReconciliation.count()).toBe(before);
  });

  it("applies the tolerance from settings at its edge, both sides", async () => {
    const proration = (await rowsOf()).find((r) => r.delta === "-7.42")!;
    await runReconciliation(db, source, { period: proration.period, tolerance: "7.42" });
    expect((await db.legacyReconciliation.findUniqueOrThrow({ where: { id: proration.id } })).status).toBe("match");
    await runReconciliation(db, source, { period: proration.period, tolerance: "7.41" });
    expect((await db.legacyReconciliation.findUniqueOrThrow({ where: { id: proration.id } })).status).toBe("delta");
  });

  it("resolve needs a note, survives a re-run while amounts hold, and sign-off unlocks the checklist only when nothing is open", async () => {
    const period = "2026-10";
    await runReconciliation(db, source, { period, tolerance: "0.01" });
    await expect(signOffPeriod(db, period, admin)).rejects.toThrow(/outside the tolerance: resolve/);
    expect((await getFlipChecklist(db, period)).ready).toBe(false);
    const open = (await rowsOf(period)).filter((r) => r.status === "delta");
    expect(open.length).toBeGreaterThan(0);
    await expect(reviewReconciliation(db, open[0]!.id, { note: " ", resolve: true }, admin.id)).rejects.toThrow(/Say why/);
    const match = (await rowsOf(period)).find((r) => r.status === "match")!;
    await expect(reviewReconciliation(db, match.id, { note: "x", resolve: true }, admin.id)).rejects.toThrow(/nothing to resolve/);
    for (const r of open) await reviewReconciliation(db, r.id, { note: "Billed outside the metered model (proration/add-on)", resolve: true }, admin.id);
    await runReconciliation(db, source, { period, tolerance: "0.01" });
    expect((await rowsOf(period)).filter((r) => r.status === "delta")).toHaveLength(0);
    const signed = await signOffPeriod(db, period, admin);
    expect(signed).toMatchObject({ period, signedByName: "Ada Admin" });
    const checklist = await getFlipChecklist(db, period);
    expect(checklist.ready).toBe(true);
    expect(checklist.items.at(-1)!.label).toMatch(/Signed off by Ada Admin/);
    await expect(reviewReconciliation(db, open[0]!.id, { note: "late", resolve: false }, admin.id)).rejects.toThrow(/signed off/);
    const periods = await summarisePeriods(db);
    expect(periods.find((p) => p.period === period)!.signedOff!.by).toBe("Ada Admin");
  });

  it("a legacy amount that moves after resolving reopens the row", async () => {
    const period = "2026-09";
    const open = (await rowsOf(period)).filter((r) => r.status === "delta");
    const target = open[0]!;
    await reviewReconciliation(db, target.id, { note: "ok", resolve: true }, admin.id);
    await withClient(url, (c) =>
      c.query(
        "UPDATE invoice_items SET amount = amount + 1 WHERE id = (SELECT ii.id FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id WHERE i.subscription_id = $1 AND to_char(i.period_start AT TIME ZONE 'UTC', 'YYYY-MM') = $2 AND i.status NOT IN ('void','draft') ORDER BY ii.id LIMIT 1)",
        [target.legacySubscriptionId, period],
      ),
    );
    await runReconciliation(db, source, { period, tolerance: "0.01" });
    const after = await db.legacyReconciliation.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.status).toBe("delta");
    expect(after.resolvedAt).toBeNull();
  });

  it("exports CSV with a header, one line per row, and formula-safe cells", async () => {
    const row = (await rowsOf("2026-08"))[0]!;
    await reviewReconciliation(db, row.id, { note: '=HYPERLINK("x"), "quoted"', resolve: false }, admin.id);
    const csv = await reconciliationCsv(db, { period: "2026-08" });
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("period,customer,subscription,legacy_subscription,switchboard_amount,legacy_amount,delta,status,note");
    expect(lines).toHaveLength((await rowsOf("2026-08")).length + 1);
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
  });
});
