import type { DbOrTx } from "@/server/db";
import { badMigrationInput } from "./errors";

/**
 * Our customer for a CRM account, through the CRM link: the sync's SyncLink
 * row first, then Customer.externalIds (set by the same sync), so a contract
 * resolves exactly as the customer sync paired them. Null when unlinked.
 */
export async function findLinkedCustomer(db: DbOrTx, connectionId: string, accountExternalId: string) {
  const link = await db.syncLink.findFirst({
    where: { connectionId, module: "Accounts", externalId: accountExternalId, entity: "customer" },
    select: { entityId: true },
  });
  if (link) {
    const customer = await db.customer.findUnique({ where: { id: link.entityId }, select: { id: true, name: true } });
    if (customer) return customer;
  }
  return db.customer.findFirst({
    where: { externalIds: { path: [`vtiger:${connectionId}`], equals: accountExternalId } },
    select: { id: true, name: true },
  });
}

/** Like findLinkedCustomer, but a contract without an account, or an account without a customer, stops the run with a message. */
export async function getLinkedCustomerOrThrow(
  db: DbOrTx,
  connectionId: string,
  contract: { number: string; accountExternalId: string | null },
) {
  if (!contract.accountExternalId) {
    throw badMigrationInput(
      "contract_without_account",
      `Contract ${contract.number} has no account in the CRM, so there is no customer to give its hours to. Set its "Related To" account in the CRM, then try again.`,
      "contractId",
    );
  }
  const customer = await findLinkedCustomer(db, connectionId, contract.accountExternalId);
  if (!customer) {
    throw badMigrationInput(
      "account_not_linked",
      `Contract ${contract.number}'s account (${contract.accountExternalId}) is not linked to a Switchboard customer. Sync the account from the CRM first, then try again.`,
      "contractId",
    );
  }
  return customer;
}
