import { describe, expect, it } from "vitest";
import { createEmptyDatabase, withClient } from "@/server/testing/databases";
import { createLegacySample } from "./create-legacy-sample";
import { setUpLegacySample } from "./legacy-sample-fixture";
import { openLegacySource, testLegacyConnection, type LegacyInvoice } from "./open-legacy-source";
import { LegacySourceError } from "./legacy-source-error";
import { BAD_COUNTRY_USER, MISSING_EMAIL_USER } from "./sample-data";

const sample = setUpLegacySample();

async function expectSourceError(promise: Promise<unknown>, code: string, text: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LegacySourceError);
  expect((error as LegacySourceError).code).toBe(code);
  expect((error as Error).message).toMatch(text);
}

describe("legacy sample", () => {
  it("is deterministic: the same seed gives the same rows, another seed different ones", async () => {
    const again = await createEmptyDatabase("legacy");
    const first = await createLegacySample(again, { seed: 15 });
    const ids = () => withClient(again, async (c) => (await c.query("SELECT id, subtotal FROM invoices ORDER BY id")).rows);
    const before = await ids();
    const second = await createLegacySample(again, { seed: 15 });
    expect(second).toEqual(first);
    expect(await ids()).toEqual(before);
    await createLegacySample(again, { seed: 99 });
    expect(await ids()).not.toEqual(before);
  });

  it("is messy the way the seed describes", async () => {
    const counts = await sample.source.counts();
    expect(counts).toMatchObject({ users: 24, plans: 5 });
    await withClient(sample.url, async (c) => {
      const q = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await q("SELECT count(*) AS n FROM users WHERE email IS NULL AND billing_email IS NULL")).toBe(1);
      expect(await q("SELECT count(*) AS n FROM users WHERE billing_country = 'Narnia'")).toBe(1);
      expect(await q("SELECT count(*) AS n FROM subscriptions s WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.id = s.plan_id)")).toBe(1);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE status = 'void' AND paid")).toBe(1);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE status = 'draft'")).toBe(2);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE total = 0")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE stripe_invoice_id LIKE 'lago:%'")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE stripe_invoice_id LIKE 'in\\_%'")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE subtotal > 0 AND tax = round(subtotal * 0.13, 2)")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE subtotal > 0 AND tax = 0")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoice_items WHERE description LIKE 'Remaining time on %'")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoice_items WHERE description = 'Daily Backup Protection'")).toBeGreaterThan(0);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE created_at = '2026-11-27T03:14:07Z'")).toBeGreaterThan(10);
      expect(await q("SELECT count(DISTINCT status) AS n FROM subscriptions")).toBe(5);
      expect(await q("SELECT count(*) AS n FROM invoices WHERE subtotal + tax <> total")).toBe(0);
    });
  });
});

describe("openLegacySource", () => {
  it("refuses writes: an INSERT through it fails in PostgreSQL and nothing is written", async () => {
    await expectSourceError(
      sample.source.query("INSERT INTO plans (id, product_id, name, price_monthly, price_yearly, cpu_seconds_quota) VALUES (gen_random_uuid(), gen_random_uuid(), 'x', 1, 1, 1)"),
      "read_failed",
      /read-only/,
    );
    await expectSourceError(sample.source.query("DELETE FROM invoices"), "read_failed", /read-only/);
    const [row] = await sample.source.query<{ ro: string }>("SELECT current_setting('default_transaction_read_only') AS ro");
    expect(row!.ro).toBe("on");
    expect((await sample.source.counts()).plans).toBe(5);
  });

  it("even a transaction opened READ WRITE by hand cannot write", async () => {
    await expectSourceError(sample.source.query("SET TRANSACTION READ WRITE"), "read_failed", /read-only/);
    await expectSourceError(sample.source.query("COMMIT; DELETE FROM plans"), "read_failed", /could not be read/);
    await sample.source.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
    await expectSourceError(sample.source.query("DELETE FROM plans"), "read_failed", /read-only/);
    expect((await sample.source.counts()).plans).toBe(5);
  });

  it("pages every table by id without gaps or repeats", async () => {
    const seen: string[] = [];
    for await (const user of sample.source.stream((after) => sample.source.users(after, 5))) seen.push(user.id);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect([...seen].sort()).toEqual(seen);
    const users = await sample.source.users(null, 100);
    expect(users.next).toBeNull();
    const missing = users.rows.filter((u) => !u.email && !u.billingEmail);
    expect(missing).toHaveLength(1);
    expect(users.rows.filter((u) => u.billingCountry === "Narnia")).toHaveLength(1);
    expect(MISSING_EMAIL_USER).not.toBe(BAD_COUNTRY_USER);
  });

  it("reads invoices with their items and typed fields", async () => {
    const invoices: LegacyInvoice[] = [];
    for await (const inv of sample.source.stream((after) => sample.source.invoices(after, 7))) invoices.push(inv);
    expect(invoices.length).toBe((await sample.source.counts()).invoices);
    const withItems = invoices.filter((i) => i.items.length > 0);
    expect(withItems).toHaveLength(invoices.length);
    const inv = invoices.find((i) => i.items.length > 1)!;
    expect(typeof inv.subtotal).toBe("string");
    expect(inv.createdAt).toBeInstanceOf(Date);
    const sum = inv.items.reduce((s, it) => s + Math.round(Number(it.amount) * 100), 0);
    expect(sum).toBe(Math.round(Number(inv.subtotal) * 100));
    const plans = await sample.source.plans();
    expect(typeof plans.rows[0]!.cpuSecondsQuota).toBe("string");
    const deployments = await sample.source.deployments();
    expect(deployments.rows[0]!.nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("names missing tables and columns", async () => {
    const broken = await createEmptyDatabase("legacy");
    await createLegacySample(broken);
    await withClient(broken, async (c) => {
      await c.query("DROP TABLE usage_records");
      await c.query("ALTER TABLE invoices DROP COLUMN subtotal");
    });
    await expectSourceError(openLegacySource(broken), "schema", /is missing .*invoices\.subtotal/);
    await expectSourceError(openLegacySource(broken), "schema", /is missing .*table usage_records/);
  });

  it("maps connection failures to clear messages without the driver's text", async () => {
    await expectSourceError(openLegacySource("not a url"), "invalid_url", /not a valid URL/);
    await expectSourceError(openLegacySource("mysql://u:p@localhost/x"), "invalid_url", /postgres:\/\//);
    const base = new URL(sample.url);
    const noDb = new URL(sample.url);
    noDb.pathname = "/does_not_exist";
    await expectSourceError(openLegacySource(noDb.toString()), "no_database", /no database does_not_exist/);
    const badPassword = new URL(sample.url);
    badPassword.username = "nobody_here";
    await expectSourceError(openLegacySource(badPassword.toString()), "auth", /refused the user name or password/);
    const closed = new URL(sample.url);
    closed.port = "1";
    await expectSourceError(openLegacySource(closed.toString()), "unreachable", /Cannot reach the legacy database server at 127\.0\.0\.1:1/);
    const unknownHost = new URL(sample.url);
    unknownHost.hostname = "no-such-host.invalid";
    await expectSourceError(openLegacySource(unknownHost.toString()), "unreachable", /unknown host/);
    expect(base.hostname).toBe("127.0.0.1");
  });

  it("test connection reports where and how many rows", async () => {
    const result = await testLegacyConnection(sample.url);
    expect(result.where).toMatch(/^127\.0\.0\.1:\d+\/legacy_/);
    expect(result.counts.users).toBe(24);
  });
});
