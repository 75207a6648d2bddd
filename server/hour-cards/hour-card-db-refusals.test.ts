import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { mapError } from "@/server/errors/map-error";
import { balanceOf } from "./record-card-transaction";
import { createTestCard, createTestCustomer } from "./testing";

const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the database accepted the change"), (e: unknown) => e);

async function cardWithHistory() {
  const customer = await createTestCustomer();
  const cardId = await createTestCard(customer.id, 60);
  return { customer, cardId };
}

const IMMUTABLE = {
  status: 409,
  code: "ledger_immutable",
  trpcCode: "CONFLICT",
  message: "Hour-card transactions cannot be changed or deleted; record an adjustment instead. Nothing was changed.",
};

describe("the hour-card ledger refuses changes loudly", () => {
  it("an UPDATE raises HC001, answered as a 409 in our words, and the row is unchanged", async () => {
    const { cardId } = await cardWithHistory();
    const error = await failure(db.hourCardTransaction.updateMany({ where: { cardId }, data: { minutes: 6000 } }));
    expect(mapError(error, "test")).toMatchObject(IMMUTABLE);
    expect(await balanceOf(db, cardId)).toBe(60);
  });

  it("a DELETE raises HC001, answered as a 409, and the row is still there", async () => {
    const { cardId } = await cardWithHistory();
    const error = await failure(db.hourCardTransaction.deleteMany({ where: { cardId } }));
    expect(mapError(error, "test")).toMatchObject(IMMUTABLE);
    expect(await db.hourCardTransaction.count({ where: { cardId } })).toBe(1);
  });

  it("raw SQL and TRUNCATE are refused the same way", async () => {
    const { cardId } = await cardWithHistory();
    const raw = await failure(db.$executeRawUnsafe(`UPDATE "HourCardTransaction" SET "reason" = 'rewritten' WHERE "cardId" = $1`, cardId));
    expect(mapError(raw, "test")).toMatchObject(IMMUTABLE);
    const truncate = await failure(db.$executeRawUnsafe(`TRUNCATE "HourCardTransaction" CASCADE`));
    expect(mapError(truncate, "test")).toMatchObject(IMMUTABLE);
    expect(await db.hourCardTransaction.findFirstOrThrow({ where: { cardId } })).toMatchObject({ reason: expect.not.stringMatching(/rewritten/) });
  });

  it("inserting (appending) still works", async () => {
    const { cardId } = await cardWithHistory();
    await db.hourCardTransaction.create({ data: { cardId, kind: "adjustment", minutes: -5, reason: "correction", sourceType: "manual" } });
    expect(await balanceOf(db, cardId)).toBe(55);
  });
});

describe("deleting what hour-card history hangs on", () => {
  it("a customer with cards is refused with a 409 that says to close its cards; nothing is removed", async () => {
    const { customer, cardId } = await cardWithHistory();
    const error = await failure(db.customer.delete({ where: { id: customer.id } }));
    const mapped = mapError(error, "test");
    expect(mapped).toMatchObject({ status: 409, code: "has_history", trpcCode: "CONFLICT" });
    expect(mapped.message).toBe("This customer has hour-card history, so it cannot be deleted; close its cards instead. Nothing was changed.");
    expect(mapped.message).not.toMatch(/constraint|RESTRICT|fkey/);
    expect(await db.customer.count({ where: { id: customer.id } })).toBe(1);
    expect(await balanceOf(db, cardId)).toBe(60);
  });

  it("a card with ledger rows is refused with a 409 that says to close it", async () => {
    const { cardId } = await cardWithHistory();
    const error = await failure(db.$executeRawUnsafe(`DELETE FROM "HourCard" WHERE "id" = $1`, cardId));
    expect(mapError(error, "test")).toMatchObject({ status: 409, code: "has_history", message: expect.stringMatching(/close it instead/) });
    expect(await db.hourCard.count({ where: { id: cardId } })).toBe(1);
  });

  it("deleting an organisation unlinks its customer and keeps the customer's hour-card history", async () => {
    const organisation = await db.organisation.create({ data: { name: "Gone Pty", label: `GONE${crypto.randomBytes(3).toString("hex").toUpperCase()}` } });
    const customer = await createTestCustomer({ organisationId: organisation.id });
    const cardId = await createTestCard(customer.id, 60);
    await db.organisation.delete({ where: { id: organisation.id } });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ organisationId: null });
    expect(await balanceOf(db, cardId)).toBe(60);
  });

  it("a customer without hour cards still deletes (other refusals are not taken for hour-card ones)", async () => {
    const customer = await createTestCustomer();
    await db.customer.delete({ where: { id: customer.id } });
    expect(await db.customer.count({ where: { id: customer.id } })).toBe(0);
  });
});
