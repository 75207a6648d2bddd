import { afterEach, describe, expect, it } from "vitest";
import type { HourCardSettingsInput } from "@/lib/validators/hour-cards";
import { db } from "@/server/db";
import { HourCardError } from "./hour-card-error";
import { updateHourCardSettings } from "./hour-card-settings";
import { listActiveCardsForCustomer } from "./list-customer-cards";
import { balanceOf, recordCardTransaction, type RecordCardTransactionInput } from "./record-card-transaction";
import { createTestCard, createTestCustomer, expireCardNow } from "./testing";

const SETTINGS: HourCardSettingsInput = { allowNegative: false, thresholdKind: "percent", thresholdValue: 0, consumptionRule: "oldest_expiring_first" };

async function settings(overrides: Partial<HourCardSettingsInput> = {}) {
  const admin = await db.user.create({ data: { email: `settings-${Math.random().toString(36).slice(2)}@example.test` } });
  await updateHourCardSettings(db, { ...SETTINGS, ...overrides }, admin.id);
}

function consume(cardId: string, customerId: string, minutes: number, extra: Partial<RecordCardTransactionInput> = {}) {
  return recordCardTransaction(db, { cardId, customerId, kind: "consumption", minutes: -minutes, reason: "Support work", actorUserId: null, sourceType: "manual", ...extra });
}

async function refusal(p: Promise<unknown>): Promise<HourCardError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HourCardError);
  return error as HourCardError;
}

async function ledgerSum(cardId: string) {
  const rows = await db.hourCardTransaction.findMany({ where: { cardId }, select: { minutes: true } });
  return rows.reduce((s, r) => s + r.minutes, 0);
}

afterEach(async () => {
  await db.hourCardSettings.deleteMany();
});

describe("recordCardTransaction", () => {
  it("keeps the balance equal to the ledger's sum and moves the status used_up ↔ active", async () => {
    await settings();
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 120);
    expect(await balanceOf(db, cardId)).toBe(120);

    const a = await consume(cardId, customer.id, 90);
    expect(a.balanceMinutes).toBe(30);
    const b = await consume(cardId, customer.id, 30);
    expect(b.balanceMinutes).toBe(0);
    expect((await db.hourCard.findUniqueOrThrow({ where: { id: cardId } })).status).toBe("used_up");

    const c = await recordCardTransaction(db, { cardId, customerId: customer.id, kind: "top_up", minutes: 60, reason: "Bought more", actorUserId: null, sourceType: "manual" });
    expect(c.balanceMinutes).toBe(60);
    const card = await db.hourCard.findUniqueOrThrow({ where: { id: cardId } });
    expect(card.status).toBe("active");
    expect(card.purchasedMinutes).toBe(180);

    const d = await recordCardTransaction(db, { cardId, customerId: customer.id, kind: "adjustment", minutes: -15, reason: "Correction", actorUserId: null, sourceType: "manual" });
    expect(d.balanceMinutes).toBe(45);
    expect(await ledgerSum(cardId)).toBe(45);
    expect(await balanceOf(db, cardId)).toBe(45);
    expect(await db.hourCardTransaction.count({ where: { cardId } })).toBe(5);
  });

  it.each([
    ["top_up", 0],
    ["top_up", -30],
    ["top_up", 1.5],
    ["top_up", Number.NaN],
    ["consumption", 30],
    ["consumption", -0.5],
    ["adjustment", 0],
    ["expiry", 10],
  ] as const)("refuses %s of %s minutes as invalid_minutes", async (kind, minutes) => {
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 60);
    const error = await refusal(recordCardTransaction(db, { cardId, customerId: customer.id, kind, minutes, reason: "x", actorUserId: null, sourceType: "manual" }));
    expect(error.code).toBe("invalid_minutes");
    expect(error.status).toBe(422);
    expect(await balanceOf(db, cardId)).toBe(60);
  });

  it("refuses a missing card, another customer's card, a closed card and an expired card", async () => {
    const customer = await createTestCustomer();
    const other = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 60);

    expect((await refusal(consume("no-such-card", customer.id, 10))).code).toBe("card_not_found");
    const wrong = await refusal(consume(cardId, other.id, 10));
    expect(wrong.code).toBe("wrong_customer");
    expect(wrong.message).toBe("The hour card belongs to another customer");

    const expiring = await createTestCard(customer.id, 60, { expiresOn: "2099-12-31" });
    await expireCardNow(expiring);
    expect((await refusal(consume(expiring, customer.id, 10))).code).toBe("card_expired");
    await db.hourCard.update({ where: { id: expiring }, data: { status: "expired" } });
    expect((await refusal(consume(expiring, customer.id, 10))).code).toBe("card_expired");

    await db.hourCard.update({ where: { id: cardId }, data: { status: "closed" } });
    expect((await refusal(consume(cardId, customer.id, 10))).code).toBe("card_closed");
    expect(await balanceOf(db, cardId)).toBe(60);
  });

  it("refuses to go below zero unless the settings allow it", async () => {
    await settings({ allowNegative: false });
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 30);
    const error = await refusal(consume(cardId, customer.id, 45));
    expect(error.code).toBe("insufficient_balance");
    expect(error.message).toContain("30 minutes left");
    expect(await balanceOf(db, cardId)).toBe(30);

    await settings({ allowNegative: true });
    const ok = await consume(cardId, customer.id, 45);
    expect(ok.balanceMinutes).toBe(-15);
    expect((await db.hourCard.findUniqueOrThrow({ where: { id: cardId } })).status).toBe("used_up");
  });

  it("records a sourceKey at most once, even inside the caller's transaction, and leaves that transaction usable", async () => {
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 600);
    const input: RecordCardTransactionInput = {
      cardId,
      customerId: customer.id,
      kind: "top_up",
      minutes: 90,
      reason: "Time log 12x1 moved from the CRM",
      actorUserId: null,
      sourceType: "crm_time_log",
      sourceId: "12x1",
      sourceKey: "crm-timelog:conn1:12x1",
    };
    await recordCardTransaction(db, input);
    const dup = await refusal(recordCardTransaction(db, input));
    expect(dup.code).toBe("duplicate_source");
    expect(dup.message).not.toMatch(/constraint|unique|duplicate key/i);

    // Inside one transaction: the refusal must not poison the caller's later statements.
    const after = await db.$transaction(async (tx) => {
      const again = await recordCardTransaction(tx, input).catch((e: unknown) => e);
      expect((again as HourCardError).code).toBe("duplicate_source");
      return recordCardTransaction(tx, { ...input, sourceId: "12x2", sourceKey: "crm-timelog:conn1:12x2" });
    });
    expect(after.balanceMinutes).toBe(600 + 90 + 90);
    expect(await db.hourCardTransaction.count({ where: { sourceKey: "crm-timelog:conn1:12x1" } })).toBe(1);
  });

  it("lets only one of two parallel transactions with the same sourceKey through, even on different cards", async () => {
    const customer = await createTestCustomer();
    const first = await createTestCard(customer.id, 60);
    const second = await createTestCard(customer.id, 60);
    const move = (cardId: string) =>
      db.$transaction((tx) =>
        recordCardTransaction(tx, { cardId, customerId: customer.id, kind: "top_up", minutes: 30, reason: "CRM time log", actorUserId: null, sourceType: "crm_time_log", sourceKey: "crm-timelog:race:1" }),
      );
    const results = await Promise.allSettled([move(first), move(second)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as HourCardError).code).toBe("duplicate_source");
    expect((await balanceOf(db, first)) + (await balanceOf(db, second))).toBe(150);
  });

  it("rolls back with the caller's transaction", async () => {
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 60);
    await db
      .$transaction(async (tx) => {
        await recordCardTransaction(tx, { cardId, customerId: customer.id, kind: "top_up", minutes: 30, reason: "x", actorUserId: null, sourceType: "manual", sourceKey: "rollback-1" });
        throw new Error("the wizard's item failed later");
      })
      .catch(() => undefined);
    expect(await balanceOf(db, cardId)).toBe(60);
    expect(await db.hourCardTransaction.count({ where: { sourceKey: "rollback-1" } })).toBe(0);
  });

  it("never overdraws with two consumptions at once", async () => {
    await settings({ allowNegative: false });
    const customer = await createTestCustomer();
    const cardId = await createTestCard(customer.id, 60);
    const results = await Promise.allSettled([
      db.$transaction((tx) => recordCardTransaction(tx, { cardId, customerId: customer.id, kind: "consumption", minutes: -40, reason: "a", actorUserId: null, sourceType: "manual" })),
      db.$transaction((tx) => recordCardTransaction(tx, { cardId, customerId: customer.id, kind: "consumption", minutes: -40, reason: "b", actorUserId: null, sourceType: "manual" })),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as HourCardError).code).toBe("insufficient_balance");
    expect(await balanceOf(db, cardId)).toBe(20);
  });
});

describe("listActiveCardsForCustomer", () => {
  it("lists only the customer's active, unexpired cards, soonest expiry first", async () => {
    const customer = await createTestCustomer();
    const other = await createTestCustomer();
    const never = await createTestCard(customer.id, 60, { name: "no expiry" });
    const late = await createTestCard(customer.id, 60, { expiresOn: "2099-06-30", name: "late" });
    const soon = await createTestCard(customer.id, 60, { expiresOn: "2098-01-31", name: "soon" });
    const lapsed = await createTestCard(customer.id, 60, { expiresOn: "2099-01-01" });
    await expireCardNow(lapsed);
    const closed = await createTestCard(customer.id, 60);
    await db.hourCard.update({ where: { id: closed }, data: { status: "closed" } });
    await createTestCard(other.id, 60);

    const cards = await listActiveCardsForCustomer(db, customer.id);
    expect(cards.map((c) => c.id)).toEqual([soon, late, never]);
    expect(cards[0]!.balanceMinutes).toBe(60);
  });
});
