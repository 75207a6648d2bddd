import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { withClient } from "@/server/testing/databases";
import { getBillingOverview } from "@/server/billing/dashboard/get-billing-overview";
import { closeDuePeriods, closeSubscriptionPeriod } from "@/server/billing/rating/close-period";
import { rateOpenPeriods, rateSubscription } from "@/server/billing/rating/rate-open-periods";
import { setUpLegacySample } from "../source/legacy-sample-fixture";
import type { LegacySource } from "../source/open-legacy-source";
import { LegacySourceError } from "../source/legacy-source-error";
import { continueImportRun, createImportRun } from "./run-import";

const sample = setUpLegacySample();

async function importOnce(dryRun: boolean, from: LegacySource = sample.source) {
  const run = await createImportRun(db, from, { dryRun });
  return continueImportRun(db, run.id, from);
}

async function snapshot() {
  const [customers, links, plans, charges, subs, shadows] = await Promise.all([
    db.customer.findMany({ orderBy: { id: "asc" } }),
    db.billingAccountLink.count(),
    db.billingPlan.count(),
    db.billingCharge.count(),
    db.billingSubscription.findMany({ orderBy: { id: "asc" }, select: { id: true, externalId: true, planId: true, status: true } }),
    db.legacyShadowRecord.count(),
  ]);
  return { customers: customers.map((c) => [c.id, c.name, c.email, c.country]), links, plans, charges, subs, shadows };
}

async function results(runId: string, outcome: string) {
  return db.legacyImportRowResult.findMany({ where: { runId, outcome: outcome as "failed" }, orderBy: { id: "asc" } });
}

describe("shadow import", () => {
  it("a dry run reports what would happen and writes nothing but the run", async () => {
    const before = await snapshot();
    const run = await importOnce(true);
    expect(run.status).toBe("completed");
    expect(run.processed).toBe(run.total);
    expect(run.total).toBe(24 + 5 + 32);
    expect(run.created).toBeGreaterThan(50);
    expect(run.failed).toBe(3);
    expect(await snapshot()).toEqual(before);
    expect(before.customers).toHaveLength(0);
  });

  it("one bad row fails with its reason, its dependants are skipped, and the run goes on", async () => {
    const run = await importOnce(false);
    const failed = await results(run.id, "failed");
    expect(failed.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^no e-mail address/),
      expect.stringMatching(/^unknown country "Narnia"/),
      expect.stringMatching(/^unknown plan [0-9a-f-]{36}$/),
    ]);
    const skipped = await results(run.id, "skipped");
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => r.entity === "subscription" && /its user .* was not imported \(failed\)/.test(r.reason ?? ""))).toBe(true);
    expect(run.created).toBe(run.total - failed.length - skipped.length);
    expect(await db.customer.count()).toBe(22);
    expect(await db.billingSubscription.count({ where: { shadow: true } })).toBe(32 - 1 - skipped.length);
    // Stripe ids are kept for the flip, never attached.
    const customers = await db.customer.findMany();
    expect(customers.every((c) => c.stripeCustomerId === null && c.stripePaymentMethodId === null)).toBe(true);
    const withStripe = await db.legacyShadowRecord.findMany({ where: { kind: "user" } });
    expect(withStripe.some((r) => String((r.data as { stripeCustomerId?: string }).stripeCustomerId).startsWith("cus_"))).toBe(true);
    // The catalog: package charge of 0.0075 per 3600 s beyond the plan's quota, plans never offered.
    const charge = await db.billingCharge.findFirstOrThrow({ where: { plan: { code: { endsWith: "-monthly" }, name: { startsWith: "Starter" } } } });
    expect(charge).toMatchObject({ model: "package", packageSize: 3600 });
    expect(charge.unitPrice.toString()).toBe("0.0075");
    expect(charge.includedQuota.toString()).toBe("18000");
    expect(await db.billingPlan.count({ where: { active: true } })).toBe(0);
  });

  it("a second live run updates in place and never duplicates", async () => {
    const before = await snapshot();
    const run = await importOnce(false);
    expect(run.created).toBe(0);
    expect(run.unchanged).toBe(run.total - run.failed - run.skipped);
    expect(await snapshot()).toEqual(before);
    // A changed source row is an update, still no duplicate.
    await withClient(sample.url, (c) => c.query("UPDATE users SET company = 'Renamed Co' WHERE id = (SELECT id FROM users WHERE email IS NOT NULL AND billing_country <> 'Narnia' ORDER BY id LIMIT 1)"));
    const third = await importOnce(false);
    expect(third.updated).toBe(1);
    expect(await db.customer.count({ where: { name: "Renamed Co" } })).toBe(1);
    expect((await snapshot()).customers).toHaveLength(before.customers.length);
  });

  it("shadow subscriptions are never rated, invoiced, charged, e-mailed or sent webhooks", async () => {
    const shadowIds = (await db.billingSubscription.findMany({ where: { shadow: true }, select: { id: true } })).map((s) => s.id);
    expect(shadowIds.length).toBeGreaterThan(0);
    const farFuture = new Date(Date.UTC(2030, 0, 1));
    const rated = await rateOpenPeriods(db, { now: farFuture });
    expect(rated.rated).toBe(0);
    expect((await rateSubscription(db, shadowIds[0]!, farFuture)).rated).toBe(0);
    await closeDuePeriods(db, { now: farFuture });
    const closed = await closeSubscriptionPeriod(db, shadowIds[0]!, { now: farFuture, terminateNow: true });
    expect(closed.issuedInvoiceIds).toEqual([]);
    expect(await db.billingInvoice.count()).toBe(0);
    expect(await db.billingPayment.count()).toBe(0);
    expect(await db.billingEvent.count()).toBe(0);
    expect(await db.billingWebhookDelivery.count()).toBe(0);
    expect(await db.outboxEmail.count()).toBe(0);
    expect(await db.billingSubscription.count({ where: { id: { in: shadowIds }, status: "terminated" } })).toBe(0);
    // Nor counted on the billing dashboard as customers of ours.
    const overview = await getBillingOverview(db);
    expect(Object.values(overview.subscriptions).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe("resume and a changing source", () => {
  it("a run that stops on a source failure resumes at the next row, each row recorded once", async () => {
    let pages = 0;
    const flaky: LegacySource = {
      ...sample.source,
      subscriptions: async (after, limit) => {
        pages += 1;
        if (pages === 2) throw new LegacySourceError("unreachable", "Cannot reach the legacy database server at test (connection refused or timed out)");
        return sample.source.subscriptions(after, Math.min(limit ?? 10, 10));
      },
    };
    const run = await createImportRun(db, flaky, { dryRun: true });
    await expect(continueImportRun(db, run.id, flaky)).rejects.toThrow(/Cannot reach/);
    const stopped = await db.legacyImportRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stopped).toMatchObject({ status: "failed", phase: "subscriptions", processed: 24 + 5 + 10 });
    expect(stopped.error).toMatch(/Cannot reach/);
    const resumed = await continueImportRun(db, run.id, flaky);
    expect(resumed).toMatchObject({ status: "completed", processed: run.total, error: null });
    expect(await db.legacyImportRowResult.count({ where: { runId: run.id } })).toBe(run.total);
  });

  it("rows added mid-run are not half-processed: skipped with a reason now, imported by the next run", async () => {
    const run = await createImportRun(db, sample.source, { dryRun: false });
    await continueImportRun(db, run.id, sample.source, { onlyPhase: "users" });
    const ids = await withClient(sample.url, async (c) => {
      const user = await c.query<{ id: string }>(
        "INSERT INTO users (id, email, full_name, billing_country, created_at) VALUES ('ffffffff-0000-4000-8000-000000000001', 'late@example.test', 'Late Comer', 'CA', now()) RETURNING id",
      );
      const plan = await c.query<{ id: string }>("SELECT id FROM plans WHERE is_active ORDER BY id LIMIT 1");
      const dep = await c.query<{ id: string }>(
        "INSERT INTO deployments (id, user_id, product_id, plan_id, name, status, billing_cycle, created_at) VALUES ('ffffffff-0000-4000-8000-000000000002', $1, gen_random_uuid(), $2, 'late-1', 'running', 'monthly', now()) RETURNING id",
        [user.rows[0]!.id, plan.rows[0]!.id],
      );
      await c.query(
        "INSERT INTO subscriptions (id, user_id, deployment_id, plan_id, status, billing_cycle, current_period_start, current_period_end, created_at) VALUES ('00000000-0000-4000-8000-000000000003', $1, $2, $3, 'active', 'monthly', '2026-11-01', '2026-12-01', now())",
        [user.rows[0]!.id, dep.rows[0]!.id, plan.rows[0]!.id],
      );
      return { dep: dep.rows[0]!.id };
    });
    const finished = await continueImportRun(db, run.id, sample.source);
    const late = await db.legacyImportRowResult.findUniqueOrThrow({
      where: { runId_entity_legacyId: { runId: run.id, entity: "subscription", legacyId: "00000000-0000-4000-8000-000000000003" } },
    });
    expect(late.outcome).toBe("skipped");
    expect(late.reason).toMatch(/not read in this run/);
    expect(finished.status).toBe("completed");
    expect(await db.billingSubscription.count({ where: { externalId: ids.dep } })).toBe(0);
    const next = await importOnce(false);
    expect(next.created).toBe(2);
    expect(await db.billingSubscription.count({ where: { externalId: ids.dep, shadow: true } })).toBe(1);
  });
});
