/**
 * Checks one invoice or payment exactly as Ascora's Accounting API sent it
 * and turns it into what we store, or into a reason a person can act on.
 * Nothing is guessed: a Guid that is not one, a negative or non-numeric
 * amount, a missing date or number rejects the whole record (never part of it).
 */
import Decimal from "decimal.js";
import { parseAscoraDate, type AscoraInvoiceHeader } from "@/server/crm/connectors/ascora/ascora-accounting-api";
import type { AssumedPayment } from "@/server/crm/connectors/ascora/ascora-assumed-api";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** NUMERIC(15,3): 12 digits before the point. */
const MAX_AMOUNT = new Decimal("999999999999.999");

export class RejectedRecord extends Error {}

export function guidOf(value: unknown, field: string): string {
  if (typeof value !== "string" || !GUID.test(value.trim())) {
    throw new RejectedRecord(`${field} is not a Guid: ${JSON.stringify(value)?.slice(0, 60) ?? "missing"}`);
  }
  return value.trim().toLowerCase();
}

function decimalOf(value: unknown, field: string, opts: { places: number; nonNegative: boolean }): string {
  const ok = (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()));
  if (!ok) throw new RejectedRecord(`${field} is not a number: ${JSON.stringify(value)?.slice(0, 40) ?? "missing"}`);
  const d = new Decimal(typeof value === "number" ? value : (value as string).trim());
  if (opts.nonNegative && d.isNegative()) throw new RejectedRecord(`${field} is negative (${d.toString()})`);
  if (d.abs().greaterThan(MAX_AMOUNT)) throw new RejectedRecord(`${field} is too large (${d.toString()})`);
  if (d.decimalPlaces() > opts.places) throw new RejectedRecord(`${field} has more than ${opts.places} decimal places (${d.toString()})`);
  return d.toFixed();
}

const money = (value: unknown, field: string) => decimalOf(value, field, { places: 3, nonNegative: true });

function dateOf(value: unknown, field: string): Date {
  const d = parseAscoraDate(value);
  if (!d) throw new RejectedRecord(`${field} is not a date: ${JSON.stringify(value)?.slice(0, 40) ?? "missing"}`);
  return d;
}

function textOf(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") throw new RejectedRecord(`${field} is not text`);
  return value.trim().slice(0, max);
}

export interface ParsedInvoiceLine {
  position: number;
  partNumber: string | null;
  description: string;
  quantity: string;
  unitPriceExTax: string;
  amountExTax: string;
  tax: string;
}

export interface ParsedInvoice {
  remoteId: string;
  /** Ascora's customer Guid (A1), lower-case. */
  remoteCustomerId: string;
  invoiceNumber: string;
  invoiceDate: Date;
  dueDate: Date | null;
  amountExTax: string;
  adjustedAmountExTax: string;
  tax: string;
  total: string;
  lines: ParsedInvoiceLine[];
}

/** The invoice's id as sent, for the issue list (even when it is malformed). */
export function rawIdOf(record: { Id?: unknown }): string {
  const id = typeof record.Id === "string" ? record.Id : JSON.stringify(record.Id ?? null);
  return (id ?? "null").slice(0, 100);
}

/** The stored form of an invoice; throws RejectedRecord naming the first problem. */
export function parseInvoice(h: AscoraInvoiceHeader): ParsedInvoice {
  const remoteId = guidOf(h.Id, "Id");
  const remoteCustomerId = guidOf(h.CustomerId, "CustomerId");
  const invoiceNumber = textOf(h.InvoiceNumber, "InvoiceNumber", 100);
  if (!invoiceNumber) throw new RejectedRecord("InvoiceNumber is missing");
  const adjusted = money(h.AdjustedAmountExTax, "AdjustedAmountExTax");
  const tax = money(h.Tax, "Tax");
  const rawLines = h.InvoiceLines ?? [];
  if (!Array.isArray(rawLines)) throw new RejectedRecord("InvoiceLines is not a list");
  const lines = rawLines.map((l, i): ParsedInvoiceLine => {
    const at = `InvoiceLines[${i}]`;
    return {
      position: i + 1,
      partNumber: textOf(l.PartNumber, `${at}.PartNumber`, 100),
      description: textOf(l.Description, `${at}.Description`, 2000) ?? "",
      quantity: decimalOf(l.Quantity ?? 1, `${at}.Quantity`, { places: 6, nonNegative: false }),
      unitPriceExTax: decimalOf(l.UnitPriceExTax ?? 0, `${at}.UnitPriceExTax`, { places: 6, nonNegative: false }),
      // A line may be a discount (negative); the invoice's own amounts may not.
      amountExTax: decimalOf(l.AmountExTax ?? 0, `${at}.AmountExTax`, { places: 3, nonNegative: false }),
      tax: decimalOf(l.Tax ?? 0, `${at}.Tax`, { places: 3, nonNegative: false }),
    };
  });
  return {
    remoteId,
    remoteCustomerId,
    invoiceNumber,
    invoiceDate: dateOf(h.InvoiceDate, "InvoiceDate"),
    dueDate: h.InvoiceDueDate === null || h.InvoiceDueDate === undefined ? null : dateOf(h.InvoiceDueDate, "InvoiceDueDate"),
    amountExTax: money(h.AmountExTax, "AmountExTax"),
    adjustedAmountExTax: adjusted,
    tax,
    total: new Decimal(adjusted).plus(tax).toFixed(),
    lines,
  };
}

export interface ParsedPayment {
  remoteId: string;
  remoteInvoiceId: string;
  paymentDate: Date;
  amount: string;
  method: string | null;
  reference: string | null;
}

/** The stored form of a payment (A3); throws RejectedRecord naming the first problem. */
export function parsePayment(p: AssumedPayment): ParsedPayment {
  return {
    remoteId: guidOf(p.Id, "Id"),
    remoteInvoiceId: guidOf(p.InvoiceId, "InvoiceId"),
    paymentDate: dateOf(p.PaymentDate, "PaymentDate"),
    amount: money(p.Amount, "Amount"),
    method: textOf(p.PaymentMethod, "PaymentMethod", 100),
    reference: textOf(p.Reference, "Reference", 200),
  };
}
