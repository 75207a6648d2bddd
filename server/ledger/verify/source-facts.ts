/**
 * What the source of truth (Stripe or Lago) says about an invoice: the only
 * facts the ledger dates, skips, posts and reconciles payments by.
 */
import type { Decimal } from "decimal.js";

export interface SourceFacts {
  invoiceDate: Date;
  state: "final" | "void" | "draft";
  paid: boolean;
  paidAt: Date | null;
  amountPaid: Decimal;
  /** The source's total, to compare with the legacy row. */
  total: Decimal;
}

export type VerifyResult = { ok: true; source: "stripe" | "lago"; facts: SourceFacts } | { ok: false; reason: string };

/** Looks one invoice up at its source; never throws for an unreachable or unknown invoice. */
export type InvoiceSource = (processorId: string, currency: string) => Promise<VerifyResult>;
