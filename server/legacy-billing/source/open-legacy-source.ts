/**
 * The only code that touches the legacy billing database, and it can only
 * read: every session starts with `default_transaction_read_only=on` (a
 * startup option, so it holds before our first statement), sets its session
 * characteristics to READ ONLY, and every query runs inside an explicit
 * READ ONLY transaction. A write through it fails in PostgreSQL itself.
 */
import pg from "pg";
import { LEGACY_TABLES, type LegacyTable } from "./legacy-schema";
import { assertLegacyUrl, describeLegacyUrl, LegacySourceError, mapLegacyConnectionError } from "./legacy-source-error";

export interface LegacyUser {
  id: string;
  email: string | null;
  fullName: string | null;
  company: string | null;
  billingEmail: string | null;
  billingAddress: string | null;
  billingCity: string | null;
  billingState: string | null;
  billingPostalCode: string | null;
  billingCountry: string | null;
  taxId: string | null;
  stripeCustomerId: string | null;
  createdAt: Date;
}

export interface LegacyPlan {
  id: string;
  productId: string;
  name: string;
  /** Decimal strings, as PostgreSQL numeric. */
  priceMonthly: string;
  priceYearly: string;
  stripePriceId: string | null;
  /** bigint as a decimal string. */
  cpuSecondsQuota: string;
  isActive: boolean;
}

export interface LegacyDeployment {
  id: string;
  userId: string;
  productId: string;
  planId: string | null;
  name: string;
  status: string;
  billingCycle: string;
  /** YYYY-MM-DD. */
  nextDueDate: string | null;
  createdAt: Date;
}

export type LegacySubscriptionStatus = "active" | "cancelled" | "past_due" | "trialing" | "paused";

export interface LegacySubscription {
  id: string;
  userId: string;
  deploymentId: string;
  planId: string | null;
  /** One of LegacySubscriptionStatus in clean data; kept as read. */
  status: string;
  billingCycle: string;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  stripeSubscriptionId: string | null;
  createdAt: Date;
}

export interface LegacyInvoiceItem {
  id: string;
  invoiceId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/**
 * An invoice as the legacy app stored it. Its dates, status and paid fields
 * are NOT trustworthy (the seed found them re-stamped by a sync): verify them
 * against Stripe (`in_…`) or Lago (`lago:…`) before acting on them.
 */
export interface LegacyInvoice {
  id: string;
  userId: string;
  subscriptionId: string | null;
  /** `in_…` (Stripe) or `lago:<uuid>` (Lago era); null when never synced. */
  stripeInvoiceId: string | null;
  invoiceNumber: string | null;
  currency: string;
  status: string;
  subtotal: string;
  tax: string;
  total: string;
  amountDue: string;
  amountPaid: string;
  paid: boolean;
  paidAt: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  createdAt: Date;
  updatedAt: Date;
  items: LegacyInvoiceItem[];
}

export interface LegacyUsageRecord {
  id: string;
  deploymentId: string;
  subscriptionId: string | null;
  periodStart: Date;
  periodEnd: Date;
  /** bigint as a decimal string. */
  cpuSeconds: string;
  recordedAt: Date;
}

/** A keyset page: rows with id > `after`, in id order. */
export interface LegacyPage<T> {
  rows: T[];
  /** The last row's id, to pass as `after` for the next page; null when this page was the last. */
  next: string | null;
}

export interface LegacySource {
  /** host:port/database, safe to show. */
  readonly where: string;
  users(after?: string | null, limit?: number): Promise<LegacyPage<LegacyUser>>;
  plans(after?: string | null, limit?: number): Promise<LegacyPage<LegacyPlan>>;
  deployments(after?: string | null, limit?: number): Promise<LegacyPage<LegacyDeployment>>;
  subscriptions(after?: string | null, limit?: number): Promise<LegacyPage<LegacySubscription>>;
  /** Invoices with their items; `since` keeps invoices whose period starts at or after it. */
  invoices(after?: string | null, limit?: number, since?: Date): Promise<LegacyPage<LegacyInvoice>>;
  usageRecords(after?: string | null, limit?: number): Promise<LegacyPage<LegacyUsageRecord>>;
  /** Every row of a table, page by page (keyset by id). */
  stream<T>(read: (after: string | null) => Promise<LegacyPage<T>>): AsyncGenerator<T>;
  /** Row counts per table, for progress bars. */
  counts(): Promise<Record<LegacyTable, number>>;
  /** Runs a SELECT inside a READ ONLY transaction (for aggregate reads owned by the legacy-billing modules). */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export interface OpenLegacySourceOptions {
  /** Give up connecting after this long (default 5 s). */
  connectTimeoutMs?: number;
}

const DEFAULT_PAGE = 500;
const READ_ONLY_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    // DATE stays a YYYY-MM-DD string: pg would turn it into a local-time Date.
    oid === 1082 ? (value: string) => value : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function camel(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return out;
}

/** Columns and tables the importer needs that the database lacks, e.g. ["table usage_records", "invoices.subtotal"]. */
async function findMissing(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [Object.keys(LEGACY_TABLES)],
  );
  const present = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const tables = new Set(rows.map((r) => r.table_name));
  const missing: string[] = [];
  for (const [table, columns] of Object.entries(LEGACY_TABLES)) {
    if (!tables.has(table)) {
      missing.push(`table ${table}`);
      continue;
    }
    for (const column of columns) if (!present.has(`${table}.${column}`)) missing.push(`${table}.${column}`);
  }
  return missing;
}

/**
 * Connects to the legacy database read-only, checks that every table and
 * column Switchboard reads exists, and returns typed keyset readers. Throws
 * LegacySourceError with a message fit for the admin on any failure.
 */
export async function openLegacySource(url: string, opts: OpenLegacySourceOptions = {}): Promise<LegacySource> {
  assertLegacyUrl(url);
  const where = describeLegacyUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 10_000,
    options: "-c default_transaction_read_only=on",
    types: READ_ONLY_TYPES,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  const prepared = new WeakSet<pg.PoolClient>();

  async function readOnly<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapLegacyConnectionError(error, url);
    }
    try {
      if (!prepared.has(client)) {
        await client.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        prepared.add(client);
      }
      await client.query("BEGIN TRANSACTION READ ONLY");
      // Taking a snapshot first makes a later SET TRANSACTION READ WRITE fail (25001).
      await client.query("SELECT 1");
      try {
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (error instanceof LegacySourceError) throw error;
      const code = (error as { code?: string }).code;
      // 42P01/42703: the schema changed under us after the check; name what went missing (the driver's text never leaves).
      if (code === "42P01" || code === "42703") {
        const missing = await findMissing(client).catch(() => []);
        const what = missing.length > 0 ? `: it is now missing ${missing.join(", ")}` : " (a table or column went missing)";
        throw new LegacySourceError("schema", `The legacy database at ${where} changed shape while being read${what}. Restore it, then resume the run`);
      }
      if (code === "25006" || code === "25001") throw new LegacySourceError("read_failed", "The legacy database connection is read-only: writes are refused");
      throw mapLegacyConnectionError(error, url);
    } finally {
      client.release();
    }
  }

  try {
    const missing = await readOnly(findMissing);
    if (missing.length > 0) {
      throw new LegacySourceError("schema", `The legacy database at ${where} is missing ${missing.join(", ")}`);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  async function page<T>(table: LegacyTable, after: string | null | undefined, limit: number, extraWhere = "", extra: unknown[] = []): Promise<LegacyPage<T>> {
    const size = Math.max(1, Math.min(limit, 5_000));
    const params: unknown[] = [after ?? null, size, ...extra];
    const rows = await readOnly(async (client) => {
      const res = await client.query(
        `SELECT ${LEGACY_TABLES[table].join(", ")} FROM ${table}
          WHERE ($1::uuid IS NULL OR id > $1::uuid) ${extraWhere}
          ORDER BY id LIMIT $2`,
        params,
      );
      return res.rows.map((r) => {
        const row = camel(r);
        row.id = String(row.id);
        return row as T;
      });
    });
    return { rows, next: rows.length === size ? (rows[rows.length - 1] as { id: string }).id : null };
  }

  const source: LegacySource = {
    where,
    users: (after, limit = DEFAULT_PAGE) => page<LegacyUser>("users", after, limit),
    plans: (after, limit = DEFAULT_PAGE) => page<LegacyPlan>("plans", after, limit),
    deployments: (after, limit = DEFAULT_PAGE) => page<LegacyDeployment>("deployments", after, limit),
    subscriptions: (after, limit = DEFAULT_PAGE) => page<LegacySubscription>("subscriptions", after, limit),
    usageRecords: (after, limit = DEFAULT_PAGE) => page<LegacyUsageRecord>("usage_records", after, limit),
    async invoices(after, limit = DEFAULT_PAGE, since) {
      const result = since
        ? await page<LegacyInvoice>("invoices", after, limit, "AND period_start >= $3", [since])
        : await page<LegacyInvoice>("invoices", after, limit);
      if (result.rows.length === 0) return result;
      const items = await readOnly(async (client) => {
        const res = await client.query(
          `SELECT ${LEGACY_TABLES.invoice_items.join(", ")} FROM invoice_items
            WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, id`,
          [result.rows.map((r) => r.id)],
        );
        return res.rows.map((r) => camel(r) as unknown as LegacyInvoiceItem);
      });
      const byInvoice = new Map<string, LegacyInvoiceItem[]>();
      for (const item of items) byInvoice.set(item.invoiceId, [...(byInvoice.get(item.invoiceId) ?? []), item]);
      for (const invoice of result.rows) invoice.items = byInvoice.get(invoice.id) ?? [];
      return result;
    },
    async *stream<T>(read: (after: string | null) => Promise<LegacyPage<T>>) {
      let after: string | null = null;
      do {
        const { rows, next }: LegacyPage<T> = await read(after);
        for (const row of rows) yield row;
        after = next;
      } while (after);
    },
    async counts() {
      return readOnly(async (client) => {
        const tables = Object.keys(LEGACY_TABLES) as LegacyTable[];
        const res = await client.query<Record<string, string>>(
          `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`,
        );
        const row = res.rows[0]!;
        return Object.fromEntries(tables.map((t) => [t, Number(row[t])])) as Record<LegacyTable, number>;
      });
    },
    // Extended protocol: one statement per call, so "COMMIT; INSERT …" cannot leave the READ ONLY transaction.
    query: <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
      readOnly(async (client) => {
        // queryMode is honoured by pg 8.23 but missing from @types/pg.
        const config = { text: sql, values: params, queryMode: "extended" } as pg.QueryConfig;
        return (await client.query<R>(config)).rows;
      }),
    close: () => pool.end(),
  };
  return source;
}

/** Opens, checks and closes: the "test connection" button. Resolves with the row counts. */
export async function testLegacyConnection(url: string): Promise<{ where: string; counts: Record<LegacyTable, number> }> {
  const source = await openLegacySource(url);
  try {
    return { where: source.where, counts: await source.counts() };
  } finally {
    await source.close();
  }
}
