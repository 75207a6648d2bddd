/**
 * The wizard's window on the CRM: reads only. It is built on the Vtiger
 * client but hands out nothing that could write (no create, update, revise,
 * delete, no access to the client itself), so "never a write to the CRM"
 * holds by construction, not by discipline.
 */
import { ConnectorError } from "@/server/crm/connector";
import { connectionConfigOf, type ConnectionRow } from "@/server/crm/connection-runtime";
import { VtigerClient, type VtigerDescribe, type VtigerRecord } from "@/server/crm/connectors/vtiger/vtiger-client";
import { vtqlContains, vtqlName, vtqlString } from "@/server/crm/connectors/vtiger/vtql";
import { badMigrationInput, crmUnavailable } from "./errors";

/** Where time logs live on this connection (ContractMigrationSettings). */
export interface TimeLogSource {
  timeLogModule: string;
  hoursField: string;
  dateField: string | null;
  descriptionField: string | null;
  relationField: string;
}

export interface ContractSource {
  listContracts(filter: { search?: string; accountExternalId?: string }): Promise<VtigerRecord[]>;
  getContract(id: string): Promise<VtigerRecord>;
  /** The contract's cases: Vtiger keeps the link in a related list, "Service Requests" (recorded sc-06/sc-07). */
  listCases(contractId: string): Promise<VtigerRecord[]>;
  listTimeLogs(contractId: string, where: TimeLogSource): Promise<VtigerRecord[]>;
  describe(module: string): Promise<VtigerDescribe>;
}

/** How many contracts the picker lists at most; the search narrows further. */
export const CONTRACT_LIST_LIMIT = 100;

/** A read-only source over an existing Vtiger client (tests hand in one pointed at the fake). */
export function contractSourceFrom(client: VtigerClient): ContractSource {
  return {
    async listContracts({ search, accountExternalId }) {
      const where: string[] = [];
      if (search?.trim()) where.push(`subject LIKE ${vtqlContains(search.trim())}`);
      if (accountExternalId) where.push(`sc_related_to = ${vtqlString(accountExternalId)}`);
      const clause = where.length ? ` WHERE ${where.join(" AND ")}` : "";
      return client.query(`SELECT * FROM ServiceContracts${clause} LIMIT ${CONTRACT_LIST_LIMIT}`);
    },
    getContract: (id) => client.retrieve(id),
    listCases: (contractId) => client.retrieveRelated(contractId, "HelpDesk", "Service Requests"),
    listTimeLogs: (contractId, s) =>
      client.queryAll(`SELECT * FROM ${vtqlName(s.timeLogModule)} WHERE ${vtqlName(s.relationField)} = ${vtqlString(contractId)}`),
    describe: (module) => client.describe(module),
  };
}

/** A read-only source for a stored connection; only Vtiger connections have service contracts. */
export function contractSourceFor(conn: ConnectionRow): ContractSource {
  if (conn.provider !== "vtiger") {
    throw badMigrationInput("unsupported_crm", "Only Vtiger connections have service contracts to migrate.", "connectionId");
  }
  const config = connectionConfigOf(conn);
  return contractSourceFrom(
    new VtigerClient({ baseUrl: config.baseUrl, username: config.username, accessKey: config.secret, timeoutMs: config.timeoutMs }),
  );
}

/** Runs a CRM read and turns a connector failure into a clear 502 that says nothing was saved. */
export async function readFromCrm<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ConnectorError) {
      throw crmUnavailable(`The CRM failed while loading ${what}: ${e.message}. Nothing was saved; try again.`);
    }
    throw e;
  }
}
