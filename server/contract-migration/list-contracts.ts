import type { DbOrTx } from "@/server/db";
import { readFromCrm, type ContractSource } from "./crm-source";
import { toContractSummary } from "./contract-fields";
import { findLinkedCustomer } from "./resolve-customer";
import { badMigrationInput } from "./errors";

/**
 * The contract picker: the CRM's service contracts matching the search,
 * optionally only those of one of our customers' CRM account, each with the
 * customer it resolves to (null: the run cannot start).
 */
export async function listContracts(
  db: DbOrTx,
  source: ContractSource,
  input: { connectionId: string; search?: string; customerId?: string },
) {
  let accountExternalId: string | undefined;
  if (input.customerId) {
    const link = await db.syncLink.findFirst({
      where: { connectionId: input.connectionId, entity: "customer", entityId: input.customerId, module: "Accounts" },
      select: { externalId: true },
    });
    if (!link?.externalId) throw badMigrationInput("account_not_linked", "That customer is not linked to an account in this CRM.", "customerId");
    accountExternalId = link.externalId;
  }
  const rows = await readFromCrm("the service contracts", () => source.listContracts({ search: input.search, accountExternalId }));
  const contracts = rows.map(toContractSummary);
  const customers = new Map<string, { id: string; name: string } | null>();
  for (const c of contracts) {
    if (c.accountExternalId && !customers.has(c.accountExternalId)) {
      customers.set(c.accountExternalId, await findLinkedCustomer(db, input.connectionId, c.accountExternalId));
    }
  }
  return contracts.map((c) => ({ ...c, customer: c.accountExternalId ? (customers.get(c.accountExternalId) ?? null) : null }));
}
