/**
 * The fake Ascora's in-memory state: accounts, customers (and tombstones of
 * deleted ones), accounting records
 * with their "marked as sent" flag, and a generic record store per area that
 * route files of other areas (jobs) use. Test code only.
 */
import crypto from "node:crypto";

export interface FakeAscoraAccount {
  username: string;
  password: string;
}

export interface FakeAccountingRecord {
  /** Exactly what the API returns (seeded as-is, so tests can send malformed values). */
  record: Record<string, unknown>;
  marked: boolean;
  /** The company the invoice belongs to (for /invoicedetails/{CompanyId}). */
  companyId?: string;
}

export interface FakeCall {
  seq: number;
  method: string;
  path: string;
  status: number;
  fault?: string;
}

export class FakeAscoraState {
  accounts: FakeAscoraAccount[];
  customers = new Map<string, Record<string, unknown>>();
  /** Tombstones of deleted customers (A15), by id. */
  deletedCustomers = new Map<string, Record<string, unknown>>();
  invoices = new Map<string, FakeAccountingRecord>();
  payments = new Map<string, FakeAccountingRecord>();
  /** Other areas' records (jobs, notes, attachments), by area name then id. */
  areas = new Map<string, Map<string, Record<string, unknown>>>();
  calls: FakeCall[] = [];
  private offsetMs = 0;

  constructor(accounts: FakeAscoraAccount[]) {
    this.accounts = accounts;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  newId(): string {
    return crypto.randomUUID();
  }

  area(name: string): Map<string, Record<string, unknown>> {
    let m = this.areas.get(name);
    if (!m) {
      m = new Map();
      this.areas.set(name, m);
    }
    return m;
  }

  reset(): void {
    this.customers.clear();
    this.deletedCustomers.clear();
    this.invoices.clear();
    this.payments.clear();
    this.areas.clear();
    this.calls = [];
  }

  /** A customer as an Ascora user would create it; returns the stored record. */
  seedCustomer(fields: Record<string, unknown>): Record<string, unknown> {
    const id = typeof fields.CustomerId === "string" ? fields.CustomerId : this.newId();
    const rec = { ...fields, CustomerId: id, IsDeleted: false, LastModified: this.now().toISOString() };
    this.customers.set(id, rec);
    return rec;
  }

  /** An edit made in Ascora's UI: changes fields and LastModified. */
  editCustomer(id: string, fields: Record<string, unknown>): Record<string, unknown> | null {
    const cur = this.customers.get(id);
    if (!cur) return null;
    const next = { ...cur, ...fields, CustomerId: id, IsDeleted: false, LastModified: this.now().toISOString() };
    this.customers.set(id, next);
    return next;
  }

  /** A deletion (through the API or Ascora's UI): the customer is gone and a tombstone is listed (A15). */
  deleteCustomer(id: string): boolean {
    if (!this.customers.delete(id)) return false;
    this.deletedCustomers.set(id, { CustomerId: id, IsDeleted: true, LastModified: this.now().toISOString() });
    return true;
  }

  seedInvoice(record: Record<string, unknown>, companyId?: string): FakeAccountingRecord {
    const entry = { record: { ...record, Id: record.Id ?? this.newId() }, marked: false, companyId };
    this.invoices.set(String(entry.record.Id), entry);
    return entry;
  }

  seedPayment(record: Record<string, unknown>): FakeAccountingRecord {
    const entry = { record: { ...record, Id: record.Id ?? this.newId() }, marked: false };
    this.payments.set(String(entry.record.Id), entry);
    return entry;
  }
}
