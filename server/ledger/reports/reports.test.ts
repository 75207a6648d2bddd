/** The ledger's reports over posted entries written directly (no legacy source needed). */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { ensureLedgerSetup } from "../chart-of-accounts";
import { postEntries } from "../post-entries";
import { writeDraftEntry, type EntryLineInput } from "../write-entry";
import { exportEntriesCsv } from "./export-entries-csv";
import { incomeByFamily } from "./income-by-family";
import { receivablesAgeing } from "./receivables-ageing";
import { trialBalance } from "./trial-balance";

async function posted(id: string, date: string, partner: string, lines: EntryLineInput[], journal: "SALES" | "PROC" = "SALES") {
  const entryId = await db.$transaction((tx) =>
    writeDraftEntry(tx, { journal, date: new Date(date), ref: id, partner, currency: "CAD", sourceKind: "report-test", sourceId: id, lines }),
  );
  await postEntries(db, [entryId]);
}
const sale = (amount: string, family: "hosting" | "addons", tax = "0"): EntryLineInput[] => [
  { account: "receivables", description: "AR", amount: new Decimal(amount).plus(tax) },
  { account: `income:${family}`, description: family, amount: new Decimal(amount).negated(), family },
  ...(tax === "0" ? [] : [{ account: "tax" as const, description: "tax", amount: new Decimal(tax).negated() }]),
];

beforeAll(async () => {
  await ensureLedgerSetup(db);
  await posted("S1", "2026-08-10", "Acme", sale("100.00", "hosting", "13.00"));
  await posted("S2", "2026-09-15", "Acme", sale("50.00", "addons"));
  await posted("S3", "2026-11-20", "=cmd|' /C calc'!A0", sale("20.00", "addons"));
  await posted("P1", "2026-09-20", "Acme", [
    { account: "clearing", description: "Stripe", amount: new Decimal("113.00") },
    { account: "receivables", description: "paid", amount: new Decimal("-113.00") },
  ], "PROC");
  // A draft never appears in reports.
  await db.$transaction((tx) => writeDraftEntry(tx, { journal: "SALES", date: new Date("2026-09-01"), ref: "D1", currency: "CAD", sourceKind: "report-test", sourceId: "D1", lines: sale("999.00", "hosting") }));
});

describe("ledger reports", () => {
  it("trial balance sums to zero and ignores drafts", async () => {
    const tb = await trialBalance(db, new Date("2026-12-31"));
    expect([tb.totalDebit, tb.totalCredit]).toEqual(["296.00", "296.00"]);
    expect(tb.rows.find((r) => r.code === "1100")!.balance).toBe("70.00");
  });

  it("income by family and month", async () => {
    const months = await incomeByFamily(db, { from: new Date("2026-01-01"), to: new Date("2026-12-31") });
    expect(months.map((m) => [m.month, m.byFamily.hosting, m.byFamily.addons, m.total])).toEqual([
      ["2026-08", "100.00", "0.00", "100.00"],
      ["2026-09", "0.00", "50.00", "50.00"],
      ["2026-11", "0.00", "20.00", "20.00"],
    ]);
  });

  it("receivables ageing: payments settle the oldest invoice first, the rest lands in its age bucket", async () => {
    const ageing = await receivablesAgeing(db, new Date("2026-12-01"));
    const acme = ageing.rows.find((r) => r.partner === "Acme")!;
    expect(acme).toMatchObject({ total: "50.00", buckets: { current: "0.00", d31_60: "0.00", d61_90: "50.00", over90: "0.00" } });
    expect(ageing.totals.current).toBe("20.00");
  });

  it("exports posted lines as CSV, neutralising formula-looking cells", async () => {
    const csv = await exportEntriesCsv(db, { from: new Date("2026-01-01"), to: new Date("2026-12-31") });
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("date,journal,entry_ref,state,partner,account_code,account_name,description,debit,credit,currency,source");
    expect(rows).toHaveLength(1 + 3 + 2 + 2 + 2);
    expect(csv).not.toContain("D1");
    expect(csv).toContain(`,posted,'=cmd|' /C calc'!A0,`);
    expect(rows[1]).toBe("2026-08-10,SALES,S1,posted,Acme,1100,Accounts receivable,AR,113.00,0.00,CAD,report-test:S1");
  });
});
