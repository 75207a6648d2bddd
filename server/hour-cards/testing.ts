// Test helpers for hour cards (tests only).
import crypto from "node:crypto";
import { db } from "@/server/db";
import { createHourCard } from "./create-hour-card";

export async function createTestCustomer(opts: { organisationId?: string | null; email?: string | null } = {}) {
  return db.customer.create({
    data: { name: `Customer ${crypto.randomBytes(3).toString("hex")}`, organisationId: opts.organisationId ?? null, email: opts.email ?? null },
  });
}

export async function createTestCard(customerId: string, minutes: number, opts: { expiresOn?: string | null; purchasedOn?: string; name?: string } = {}) {
  const actor = await db.user.create({ data: { email: `card-admin-${crypto.randomBytes(4).toString("hex")}@example.test` } });
  const card = await createHourCard(
    {
      customerId,
      name: opts.name ?? "10-hour card",
      purchasedMinutes: minutes,
      purchasedOn: opts.purchasedOn ?? "2026-01-01",
      expiresOn: opts.expiresOn ?? null,
    },
    actor.id,
  );
  return card.id;
}

/** Moves a card's expiry into the past without going through the ledger (the clock moved on). */
export async function expireCardNow(cardId: string) {
  await db.hourCard.update({ where: { id: cardId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
}
