/**
 * A CRM with service contracts for wizard tests: the fake Vtiger (with or
 * without the assumed TimeLogs module), a stored connection to it, an
 * account linked to one of our customers the way the customer sync links
 * them, and contracts shaped like the recorded ones. Test code only.
 */
import crypto from "node:crypto";
import { db } from "@/server/db";
import { startCrmKit, type CrmKit } from "@/server/crm/testing/crm-test-kit";

export interface MigrationFixture {
  kit: CrmKit;
  customer: { id: string; name: string };
  accountId: string;
  /** Two cases (2.5 h, 1.25 h) and, with time logs, logs of 1.5 h, 0 h and "abc" h. */
  contractId: string;
  /** A contract with no account ("Related To" empty). */
  orphanContractId: string;
  /** A contract whose account is not linked to any customer. */
  unlinkedContractId: string;
  caseIds: string[];
  timeLogIds: string[];
  close(): Promise<void>;
}

export async function startMigrationFixture(opts: { timeLogs?: boolean } = {}): Promise<MigrationFixture> {
  const kit = await startCrmKit({ fake: { timeLogModule: opts.timeLogs === true } });
  const seed = (module: string, fields: Record<string, unknown>) => kit.fake.records.seed({ module, fields }).id;
  const tag = crypto.randomBytes(3).toString("hex");
  const accountId = seed("Accounts", { accountname: `Contract Fixture ${tag}` });
  const otherAccountId = seed("Accounts", { accountname: `Unlinked ${tag}` });
  const customer = await db.customer.create({ data: { name: `Contract Fixture ${tag}` }, select: { id: true, name: true } });
  await db.syncLink.create({
    data: { connectionId: kit.connection.id, entity: "customer", entityId: customer.id, module: "Accounts", externalId: accountId, status: "SYNCED" },
  });
  const contract = (subject: string, account: string | null) =>
    seed("ServiceContracts", { subject, sc_related_to: account, tracking_unit: "Hours", total_units: "40.00", contract_status: "In Progress" });
  const contractId = contract(`Support ${tag}`, accountId);
  const orphanContractId = contract(`No account ${tag}`, null);
  const unlinkedContractId = contract(`Unlinked ${tag}`, otherAccountId);
  const caseIds = [
    seed("HelpDesk", { ticket_title: "Printer offline", parent_id: accountId, hours: "2.50000000", ticketstatus: "Closed", description: "Level 2 printer" }),
    seed("HelpDesk", { ticket_title: "VPN setup", parent_id: accountId, hours: "1.25000000", ticketstatus: "Closed" }),
  ];
  for (const id of caseIds) kit.fake.records.relate(contractId, "Service Requests", id);
  // A case of the same account outside the contract: never loaded.
  seed("HelpDesk", { ticket_title: "Unrelated", parent_id: accountId, hours: "3.00000000" });
  const timeLogIds = opts.timeLogs
    ? [
        seed("TimeLogs", { subject: "Onsite visit", hours: "1.50", log_date: "2026-03-02", description: "Onsite visit", related_to: contractId }),
        seed("TimeLogs", { subject: "Zero", hours: "0", log_date: "2026-03-03", description: "Nothing billed", related_to: contractId }),
        seed("TimeLogs", { subject: "Typo", hours: "abc", log_date: "2026-03-04", description: "Typo in hours", related_to: contractId }),
      ]
    : [];
  return {
    kit,
    customer,
    accountId,
    contractId,
    orphanContractId,
    unlinkedContractId,
    caseIds,
    timeLogIds,
    close: () => kit.close(),
  };
}

/** Operations the fake received that are not reads: must stay empty. */
export function writeOperations(kit: CrmKit): string[] {
  const reads = new Set(["getchallenge", "login", "listtypes", "describe", "query", "retrieve", "retrieve_related", "relatedtypes", "query_related"]);
  return kit.fake.calls.map((c) => c.operation).filter((op) => !reads.has(op));
}
