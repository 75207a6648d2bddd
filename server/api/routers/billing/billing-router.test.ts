import { describe, expect, it } from "vitest";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { TRPCError } from "@trpc/server";

describe("billing router", () => {
  it("is for provider admins only", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    await expect(agent.billing.metrics.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const client = callerFor(await createTestUser("CLIENT_ADMIN"));
    await expect(client.billing.invoices.list({ page: 1, pageSize: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("builds a plan with a tiered charge and explains what is wrong with bad tiers", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const metric = await admin.billing.metrics.create({ code: "api_calls", name: "API calls", aggregation: "sum", unitLabel: "calls" });
    await expect(admin.billing.metrics.create({ code: "api_calls", name: "Again", aggregation: "sum", unitLabel: "calls" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const plan = await admin.billing.plans.create({ code: "maps_pro", name: "Maps Pro", interval: "monthly", basePrice: "29.00", currency: "cad", taxBehaviour: "exclusive" });
    expect(plan).toMatchObject({ currency: "CAD", basePrice: "29" });

    const bad = await admin.billing.plans
      .saveCharge({
        planId: plan.id,
        charge: {
          metricId: metric.id,
          model: "graduated",
          tiers: [
            { from: "0", to: "1000", unitPrice: "0.001" },
            { from: "1500", to: null, unitPrice: "0.0008" },
          ],
        },
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toMatch(/Tier 2 must start where tier 1 ends \(1000\), not at 1500/);

    await admin.billing.plans.saveCharge({
      planId: plan.id,
      charge: {
        metricId: metric.id,
        model: "graduated",
        includedQuota: "5000000",
        unitBatch: "1000",
        tiers: [
          { from: "0", to: "1000000", unitPrice: "0.10" },
          { from: "1000000", to: null, unitPrice: "0.080000" },
        ],
      },
    });
    const stored = await admin.billing.plans.get({ id: plan.id });
    expect(stored.charges).toHaveLength(1);
    expect(stored.charges[0]).toMatchObject({ model: "graduated", includedQuota: "5000000", unitBatch: 1 * 1000 });
    expect(stored.charges[0]?.tiers[1]).toEqual({ from: "1000000", to: null, unitPrice: "0.080000" });
  });

  it("creates a service whose key is shown once and stored only as a hash", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const { apiKey, service } = await admin.billing.services.create({ name: "NexaCloud", code: "nexacloud" });
    expect(apiKey).toMatch(/^sbk_/);
    const listed = await admin.billing.services.list();
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    expect(listed.find((s) => s.id === service.id)?.apiKeyPrefix).toBe(apiKey.slice(0, service.apiKeyPrefix.length));
  });
});
