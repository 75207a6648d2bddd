/**
 * Creates (or recreates) the legacy billing sample database that tests, e2e
 * and `npm run legacy:sample` migrate from. Rows come from sample-data.ts, so
 * a given seed always gives the same database.
 */
import pg from "pg";
import { LEGACY_SAMPLE_DDL, LEGACY_TABLES, type LegacyTable } from "./legacy-schema";
import { buildSampleRows, type SampleOptions, type SampleRows } from "./sample-data";

export interface CreateLegacySampleOptions extends SampleOptions {
  /** Create the database named in the URL when it does not exist (default true). */
  createDatabase?: boolean;
}

export type LegacySampleSummary = Record<LegacyTable, number>;

const INSERT_ORDER: LegacyTable[] = ["users", "plans", "deployments", "subscriptions", "invoices", "invoice_items", "usage_records"];
const BATCH = 200;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!name) throw new Error("The sample database URL must name a database");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}

async function insertRows(client: pg.Client, table: LegacyTable, rows: SampleRows[LegacyTable]): Promise<void> {
  const columns = LEGACY_TABLES[table];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const marks = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${marks.join(", ")})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}

/**
 * Builds the sample at `url`: drops the seven legacy tables if present,
 * recreates them and fills them, in one transaction. Returns the row counts.
 */
export async function createLegacySample(url: string, opts: CreateLegacySampleOptions = {}): Promise<LegacySampleSummary> {
  if (opts.createDatabase !== false) await ensureDatabase(url);
  const rows = buildSampleRows(opts);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`DROP TABLE IF EXISTS ${[...INSERT_ORDER].reverse().join(", ")} CASCADE`);
    await client.query(LEGACY_SAMPLE_DDL);
    for (const table of INSERT_ORDER) await insertRows(client, table, rows[table]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return Object.fromEntries(INSERT_ORDER.map((t) => [t, rows[t].length])) as LegacySampleSummary;
}
