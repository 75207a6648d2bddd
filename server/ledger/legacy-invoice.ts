/**
 * A legacy billing invoice as the ledger ingests it (read through s15a's
 * read-only legacy source by read-legacy-invoices.ts). The legacy database's own
 * date, status and paid fields are carried only for display: the ledger takes
 * those facts from the source of truth (server/ledger/verify/).
 */
export interface LegacyInvoiceItem {
  description: string;
  quantity: string;
  unitPrice: string;
  /** Pre-tax amount of the line; negative for proration credits. */
  amount: string;
}

export interface LegacyInvoice {
  /** The legacy database's invoice id: the ingest's idempotency key. */
  id: string;
  /** "in_…" (Stripe) or "lago:…" (Lago); null when the legacy row has none. */
  processorId: string | null;
  number: string | null;
  partner: string | null;
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  /** Legacy fields, never trusted for posting. */
  legacyDate: Date;
  legacyStatus: string;
  items: LegacyInvoiceItem[];
}
