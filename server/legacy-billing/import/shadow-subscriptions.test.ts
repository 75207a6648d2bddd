import { beforeAll, describe, expect, it } from "vitest";
import { SHADOW_SUBSCRIPTION_LOCKED } from "@/lib/validators/legacy-billing";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";

let admin: ReturnType<typeof callerFor>;
let live: { id: string };
let shadow: { id: string; planId: string; status: string };
let otherPlan: { id: string };

beforeAll(async () => {
  admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
  const customer = await db.customer.create({ data: { name: "Maple Hosting", email: "ops@maple.test" } });
  const service = await db.billingService.create({ data: { name: "App", code: "app", apiKeyHash: "h1", apiKeyPrefix: "p" } });
  const legacy = await db.billingService.create({ data: { name: "Legacy billing (shadow)", code: "legacy-billing", apiKeyHash: "h2", apiKeyPrefix: "none", active: false } });
  const plan = await db.billingPlan.create({ data: { code: "basic", name: "Basic", interval: "monthly", basePrice: "10", currency: "CAD" } });
  otherPlan = await db.billingPlan.create({ data: { code: "pro", name: "Pro", interval: "monthly", basePrice: "20", currency: "CAD" } });
  const period = { startedAt: new Date("2026-11-01"), currentPeriodStart: new Date("2026-11-01"), currentPeriodEnd: new Date("2026-12-01") };
  live = await db.billingSubscription.create({ data: { customerId: customer.id, planId: plan.id, serviceId: service.id, externalId: "live-1", ...period } });
  shadow = await db.billingSubscription.create({
    data: { customerId: customer.id, planId: plan.id, serviceId: legacy.id, externalId: "dep-legacy-1", shadow: true, name: "Legacy subscription", ...period },
  });
});

describe("shadow subscriptions in the billing console", () => {
  it("are listed with a shadow flag and filtered live / shadow / all", async () => {
    const all = await admin.billing.subscriptions.list({ page: 1, pageSize: 25 });
    expect(all.rows.map((r) => [r.externalId, r.shadow]).sort()).toEqual([
      ["dep-legacy-1", true],
      ["live-1", false],
    ]);
    expect((await admin.billing.subscriptions.list({ page: 1, pageSize: 25, kind: "shadow" })).rows.map((r) => r.externalId)).toEqual(["dep-legacy-1"]);
    const liveOnly = await admin.billing.subscriptions.list({ page: 1, pageSize: 25, kind: "live" });
    expect(liveOnly).toMatchObject({ total: 1, rows: [{ externalId: "live-1" }] });
  });

  it("refuse every change with a 409 saying why, and stay exactly as imported", async () => {
    const attempts = [
      () => admin.billing.subscriptions.changePlan({ id: shadow.id, planId: otherPlan.id, effective: "immediately" }),
      () => admin.billing.subscriptions.changePlan({ id: shadow.id, planId: otherPlan.id }),
      () => admin.billing.subscriptions.cancel({ id: shadow.id }),
      () => admin.billing.subscriptions.setPaused({ id: shadow.id, paused: true }),
      () => admin.billing.subscriptions.terminate({ id: shadow.id }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "CONFLICT", message: SHADOW_SUBSCRIPTION_LOCKED });
    }
    const after = await db.billingSubscription.findUniqueOrThrow({ where: { id: shadow.id } });
    expect(after).toMatchObject({ shadow: true, status: "active", planId: shadow.planId, pendingPlanId: null, cancelledAt: null, pausedAt: null });
    expect(await db.billingInvoice.count()).toBe(0);
  });

  it("leave live subscriptions' actions alone", async () => {
    await expect(admin.billing.subscriptions.setPaused({ id: live.id, paused: true })).resolves.toMatchObject({ status: "paused" });
    await expect(admin.billing.subscriptions.changePlan({ id: live.id, planId: otherPlan.id })).resolves.toMatchObject({ pendingPlanId: otherPlan.id });
  });
});
