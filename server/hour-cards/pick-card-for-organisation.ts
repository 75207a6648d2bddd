import type { DbOrTx } from "@/server/db";
import { HourCardError } from "./hour-card-error";
import type { HourCardSettingsView } from "./hour-card-settings";

/**
 * The customers a ticket's time may bill: those linked to the ticket's
 * organisation (Customer.organisationId). Tickets belong to organisations,
 * and a Customer record is how an organisation buys things.
 */
export async function customersOfOrganisation(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db.customer.findMany({ where: { organisationId }, select: { id: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.id);
}

/**
 * Which card billable time on a ticket draws on: the agent's choice when given
 * (refused unless it belongs to one of the organisation's customers), else the
 * first active card by the settings' rule.
 */
export async function pickCardForOrganisation(
  db: DbOrTx,
  organisationId: string,
  chosenCardId: string | null | undefined,
  rule: HourCardSettingsView["consumptionRule"],
): Promise<{ cardId: string; customerId: string }> {
  const customerIds = await customersOfOrganisation(db, organisationId);
  if (customerIds.length === 0) {
    throw new HourCardError(
      "no_active_card",
      "This ticket's organisation is not linked to a customer, so there is no hour card to bill; log the time as not billable",
      "cardId",
    );
  }
  if (chosenCardId) {
    const card = await db.hourCard.findUnique({ where: { id: chosenCardId }, select: { id: true, customerId: true } });
    if (!card) throw new HourCardError("card_not_found", "The hour card was not found", "cardId");
    if (!customerIds.includes(card.customerId)) throw new HourCardError("wrong_customer", "The hour card belongs to another customer", "cardId");
    return { cardId: card.id, customerId: card.customerId };
  }
  const card = await db.hourCard.findFirst({
    where: { customerId: { in: customerIds }, status: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy:
      rule === "oldest_purchased_first"
        ? [{ purchasedAt: "asc" }, { id: "asc" }]
        : [{ expiresAt: { sort: "asc", nulls: "last" } }, { purchasedAt: "asc" }, { id: "asc" }],
    select: { id: true, customerId: true },
  });
  if (!card) throw new HourCardError("no_active_card", "The customer has no active hour card; top one up or log the time as not billable", "cardId");
  return { cardId: card.id, customerId: card.customerId };
}
