import type { PrismaClient } from "@/server/generated/prisma/client";
import type { VtigerRecord } from "@/server/crm/connectors/vtiger/vtiger-client";
import { caseHasHours, caseTitle, fieldText, toContractSummary } from "./contract-fields";
import { readFromCrm, type ContractSource, type TimeLogSource } from "./crm-source";
import { getLinkedCustomerOrThrow } from "./resolve-customer";
import { getTimeLogSettings } from "./time-log-settings";
import { recordMigrationAudit } from "./migration-audit";

interface NewItem {
  kind: "case" | "time_log";
  externalId: string;
  raw: VtigerRecord;
  title: string;
  hoursText: string | null;
}

function timeLogItem(r: VtigerRecord, s: TimeLogSource): NewItem {
  const parts = [s.dateField ? fieldText(r[s.dateField]) : "", s.descriptionField ? fieldText(r[s.descriptionField]) : ""].filter(Boolean);
  return { kind: "time_log", externalId: r.id, raw: r, title: parts.join(" · ") || r.id, hoursText: fieldText(r[s.hoursField]) };
}

/**
 * Loads a contract read-only and stores the run with one item per case and
 * time log. Everything is read from the CRM before anything is written, so
 * a CRM failing mid-load leaves nothing behind and a retry starts clean. An
 * open run of the same contract in the same mode is resumed, not doubled.
 */
export async function startRun(
  db: PrismaClient,
  source: ContractSource,
  input: { connectionId: string; contractId: string; dryRun: boolean; actorUserId: string },
) {
  const open = await db.contractMigrationRun.findFirst({
    where: { connectionId: input.connectionId, contractExternalId: input.contractId, dryRun: input.dryRun, status: "open" },
    select: { id: true },
  });
  if (open) return { runId: open.id, resumed: true };

  const contract = toContractSummary(await readFromCrm("the contract", () => source.getContract(input.contractId)));
  const customer = await getLinkedCustomerOrThrow(db, input.connectionId, contract);
  const settings = await getTimeLogSettings(db, input.connectionId);
  const cases = await readFromCrm("the contract's cases", () => source.listCases(contract.externalId));
  const items: NewItem[] = cases.map((r) => ({ kind: "case", externalId: r.id, raw: r, title: caseTitle(r), hoursText: null }));
  if (settings) {
    const logs = await readFromCrm("the contract's time logs", () => source.listTimeLogs(contract.externalId, settings));
    items.push(...logs.map((r) => timeLogItem(r, settings)));
  } else {
    // No time-log module on this CRM: the hours recorded on the cases are what was worked.
    items.push(
      ...cases.filter(caseHasHours).map((r) => ({ kind: "time_log" as const, externalId: r.id, raw: r, title: `Hours on ${caseTitle(r)}`, hoursText: fieldText(r.hours) })),
    );
  }

  const run = await db.$transaction(async (tx) => {
    const created = await tx.contractMigrationRun.create({
      data: {
        connectionId: input.connectionId,
        contractExternalId: contract.externalId,
        contractName: contract.name,
        contractNumber: contract.number,
        accountExternalId: contract.accountExternalId!,
        customerId: customer.id,
        dryRun: input.dryRun,
        itemsTotal: items.length,
        status: items.length === 0 ? "completed" : "open",
        completedAt: items.length === 0 ? new Date() : null,
        createdById: input.actorUserId,
        items: {
          create: items.map((item, i) => ({ ...item, raw: item.raw as object, seq: i + 1 })),
        },
      },
    });
    await recordMigrationAudit(tx, {
      run: created,
      action: "run_started",
      detail: `${input.dryRun ? "Would migrate" : "Migrating"} ${contract.number} "${contract.name}" for ${customer.name}: ${cases.length} cases, ${items.length - cases.length} time logs`,
      actorUserId: input.actorUserId,
    });
    return created;
  });
  return { runId: run.id, resumed: false };
}
