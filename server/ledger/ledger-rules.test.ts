/**
 * The rules PostgreSQL enforces on the ledger, proven with raw SQL (no service
 * code in the way), and the readable messages the service turns them into.
 */
import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { RequestError } from "@/server/errors/request-error";
import { mapError } from "@/server/errors/map-error";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { translateLedgerError, withLedgerRules } from "./ledger-errors";
import { postEntries } from "./post-entries";
import { writeDraftEntry } from "./write-entry";

const caught = (p: Promise<unknown>) => p.then(() => expect.unreachable("should have failed"), (e: unknown) => e);

let n = 0;
async function draft(amount = "113.00") {
  return db.$transaction((tx) =>
    writeDraftEntry(tx, {
      journal: "SALES",
      date: new Date("2026-05-01"),
      ref: `T-${++n}`,
      currency: "CAD",
      sourceKind: "test",
      sourceId: `t-${n}-${Math.random()}`,
      lines: [
        { account: "receivables", description: "AR", amount: new Decimal(amount) },
        { account: "income:hosting", description: "Hosting", amount: new Decimal(amount).minus("13").negated() },
        { account: "tax", description: "Tax", amount: new Decimal("-13") },
      ],
    }),
  );
}

const lineOf = async (entryId: string, account: string) =>
  (await db.ledgerLine.findFirstOrThrow({ where: { entryId, account: { key: account } } })).id;

beforeAll(() => ensureLedgerSetup(db));

describe("balance, enforced by PostgreSQL at commit", () => {
  it("refuses a raw SQL update that unbalances an entry, with SQLSTATE LG001", async () => {
    const entryId = await draft();
    const line = await lineOf(entryId, "tax");
    const error = await caught(db.$executeRawUnsafe(`UPDATE "LedgerLine" SET "credit" = 12.99 WHERE "id" = $1`, line));
    expect(translateLedgerError(error)).toMatchObject({ code: "unbalanced", status: 422 });
    const tax = await db.ledgerLine.findUniqueOrThrow({ where: { id: line } });
    expect(tax.credit.toFixed(2)).toBe("13.00");
  });

  it("accepts a transaction that is unbalanced midway but balanced at commit (the trigger is deferred)", async () => {
    const entryId = await draft();
    const [ar, tax] = [await lineOf(entryId, "receivables"), await lineOf(entryId, "tax")];
    await db.$transaction([
      db.$executeRawUnsafe(`UPDATE "LedgerLine" SET "debit" = 114 WHERE "id" = $1`, ar),
      db.$executeRawUnsafe(`UPDATE "LedgerLine" SET "credit" = 14 WHERE "id" = $1`, tax),
    ]);
    const lines = await db.ledgerLine.findMany({ where: { entryId } });
    const sum = (k: "debit" | "credit") => lines.reduce((s, l) => s.plus(l[k].toString()), new Decimal(0)).toFixed(2);
    expect([sum("debit"), sum("credit")]).toEqual(["114.00", "114.00"]);
  });

  it("refuses an unbalanced entry written through the service, naming the problem", async () => {
    const error = await caught(
      withLedgerRules(() =>
        db.$transaction((tx) =>
          writeDraftEntry(tx, {
            journal: "SALES", date: new Date("2026-05-01"), ref: "BAD", currency: "CAD", sourceKind: "test", sourceId: "bad-1",
            lines: [
              { account: "receivables", description: "AR", amount: new Decimal("100") },
              { account: "income:other", description: "Other", amount: new Decimal("-99.99") },
            ],
          }),
        ),
      ),
    );
    expect(error).toBeInstanceOf(RequestError);
    expect(mapError(error, "test")).toMatchObject({ status: 422, code: "unbalanced", message: expect.stringMatching(/debits must equal its credits/) });
    expect(await db.ledgerEntry.count({ where: { sourceId: "bad-1" } })).toBe(0);
  });

  it("refuses a negative or two-sided line (LG003)", async () => {
    const entryId = await draft();
    const line = await lineOf(entryId, "receivables");
    const error = await caught(db.$executeRawUnsafe(`UPDATE "LedgerLine" SET "credit" = 1 WHERE "id" = $1`, line));
    expect(translateLedgerError(error)).toMatchObject({ code: "invalid_input" });
  });
});

describe("posted entries are immutable in PostgreSQL", () => {
  it("refuses raw UPDATE and DELETE of a posted entry's lines and the entry itself (LG002)", async () => {
    const entryId = await draft();
    expect((await postEntries(db, [entryId]))[0]).toMatchObject({ status: "posted" });
    const line = await lineOf(entryId, "income:hosting");

    const attempts = [
      db.$executeRawUnsafe(`UPDATE "LedgerLine" SET "description" = 'edited' WHERE "id" = $1`, line),
      db.$executeRawUnsafe(`DELETE FROM "LedgerLine" WHERE "id" = $1`, line),
      db.$executeRawUnsafe(`INSERT INTO "LedgerLine" ("id","entryId","position","accountId","description","debit","credit") SELECT 'x1', $1, 9, "accountId", 'extra', 0, 0 FROM "LedgerLine" WHERE "id" = $2`, entryId, line),
      db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "state" = 'draft' WHERE "id" = $1`, entryId),
      db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET "ref" = 'edited' WHERE "id" = $1`, entryId),
      db.$executeRawUnsafe(`DELETE FROM "LedgerEntry" WHERE "id" = $1`, entryId),
    ];
    for (const attempt of attempts) {
      const error = await caught(attempt);
      expect(mapError(translateLedgerError(error), "test")).toMatchObject({ status: 409, code: "posted_immutable" });
    }
    const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { id: entryId }, include: { lines: true } });
    expect([entry.state, entry.ref, entry.lines.length]).toEqual(["posted", expect.stringMatching(/^T-/), 3]);
  });

  it("lets a draft be changed and deleted", async () => {
    const entryId = await draft();
    await db.ledgerEntry.update({ where: { id: entryId }, data: { ref: "changed" } });
    await db.ledgerEntry.delete({ where: { id: entryId } });
    expect(await db.ledgerLine.count({ where: { entryId } })).toBe(0);
  });

  it("posts once when two posts race, and reports the second as already posted", async () => {
    const entryId = await draft();
    const [a, b] = await Promise.all([postEntries(db, [entryId]), postEntries(db, [entryId])]);
    expect([a[0]!.status, b[0]!.status].sort()).toEqual(["already_posted", "posted"]);
  });
});
