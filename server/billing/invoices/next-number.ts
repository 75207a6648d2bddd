/** Gapless human numbers (INV-000001, CN-000001) from a counter row, inside the caller's transaction. */
import type { DbOrTx } from "@/server/db";

const PREFIX = { invoice: "INV", credit_note: "CN" } as const;

/**
 * Takes the next number of a sequence. Run it in the transaction that uses
 * the number: the row lock makes concurrent issuers wait, and a rollback
 * gives the number back, so the sequence never has holes.
 */
export async function nextDocumentNumber(db: DbOrTx, kind: keyof typeof PREFIX): Promise<string> {
  const rows = await db.$queryRawUnsafe<Array<{ value: number }>>(
    `INSERT INTO "BillingCounter" ("name", "value") VALUES ($1, 1)
     ON CONFLICT ("name") DO UPDATE SET "value" = "BillingCounter"."value" + 1
     RETURNING "value"`,
    kind,
  );
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`Counter ${kind} returned nothing`);
  return `${PREFIX[kind]}-${String(value).padStart(6, "0")}`;
}
