/** Browser specs drive the e2e stack's fake Vtiger through its /__control API (break, fix, seed, edit, read back). */
import { readRuntime } from "../../support/runtime";

export interface FakeRecord {
  id: string;
  module: string;
  deleted: boolean;
  [field: string]: unknown;
}

export async function vtigerControl(path: string, body?: unknown): Promise<unknown> {
  const base = readRuntime().fakes.vtiger!;
  const res = await fetch(`${base}/__control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`fake vtiger control ${path}: ${res.status}`);
  return res.json();
}

/** The fake's records of a module, as a CRM user would see them. */
export async function vtigerRecords(module: string): Promise<FakeRecord[]> {
  return ((await vtigerControl(`records?module=${module}`)) as { records: FakeRecord[] }).records;
}
