/** The ledger's service families and their names, shared by the server and the console. */
export const LEDGER_FAMILIES = ["hosting", "managed", "addons", "other"] as const;
export type LedgerFamilyName = (typeof LEDGER_FAMILIES)[number];

export const FAMILY_LABEL: Record<LedgerFamilyName, string> = {
  hosting: "Hosting",
  managed: "Managed plans",
  addons: "Add-ons",
  other: "Other",
};
