/**
 * Reading Vtiger's service-contract, case and time-log rows (shapes recorded
 * in e2e/fakes/vtiger/recorded-8.4/sc-*.json): what the wizard shows and
 * stores, and hours as Vtiger writes them ("2.50000000").
 */
import type { VtigerRecord } from "@/server/crm/connectors/vtiger/vtiger-client";

const text = (v: unknown): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

export interface ContractSummary {
  externalId: string;
  name: string;
  number: string;
  accountExternalId: string | null;
  status: string;
  totalUnits: string;
  usedUnits: string;
  trackingUnit: string;
}

export function toContractSummary(r: VtigerRecord): ContractSummary {
  return {
    externalId: r.id,
    name: text(r.subject) || r.id,
    number: text(r.contract_no) || r.id,
    accountExternalId: text(r.sc_related_to) || null,
    status: text(r.contract_status),
    totalUnits: text(r.total_units),
    usedUnits: text(r.used_units),
    trackingUnit: text(r.tracking_unit),
  };
}

export function caseTitle(r: VtigerRecord): string {
  return [text(r.ticket_no), text(r.ticket_title)].filter(Boolean).join(" ") || r.id;
}

/** Minutes from an hours value, or the reason it cannot be transferred. */
export function minutesFromHours(hoursText: string | null): { minutes: number } | { error: string } {
  const raw = (hoursText ?? "").trim();
  const hours = raw === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(hours)) return { error: `Hours must be a number; the CRM has "${raw || "nothing"}".` };
  const minutes = Math.round(hours * 60);
  if (minutes <= 0) return { error: `Hours must be above 0; the CRM has ${raw}.` };
  return { minutes };
}

/** A case's hours count as a time log unless they are exactly zero (most cases never record any). */
export function caseHasHours(r: VtigerRecord): boolean {
  const raw = text(r.hours).trim();
  return raw !== "" && Number(raw) !== 0;
}

export { text as fieldText };
