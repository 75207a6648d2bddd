import type pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDeploy, runPrisma } from "../cli/lib/prisma-cli";
import { createEmptyDatabase, withClient } from "./databases";

/** Everything about the public schema that a migration can change, as sorted text lines. */
async function describeSchema(client: pg.Client): Promise<string[]> {
  const queries = [
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    `SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
         AND contype <> 't'`, // constraint triggers (the ledger's balance check) are hand-written SQL; Prisma's diff has none
    `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  ];
  const lines: string[] = [];
  for (const sql of queries) {
    const { rows } = await client.query<{ line: string }>(sql);
    lines.push(...rows.map((r) => r.line));
  }
  return lines.sort();
}

describe("migrations", () => {
  it("apply to an empty database and produce exactly the schema in prisma/schema.prisma", async () => {
    const migrated = await createEmptyDatabase("migrated");
    migrateDeploy(migrated, true);

    const expected = await createEmptyDatabase("expected");
    const sql = runPrisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      expected,
      { capture: true },
    );
    await withClient(expected, (c) => c.query(sql));

    const [actual, wanted] = await Promise.all([withClient(migrated, describeSchema), withClient(expected, describeSchema)]);
    expect(actual.length).toBeGreaterThan(20);
    expect(actual).toEqual(wanted);
  }, 120_000);
});
