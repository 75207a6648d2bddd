import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { trpcError } from "@/server/testing/trpc-error";

beforeAll(() => setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined }));
afterAll(() => setSyncDispatcherForTests(null));


describe("customers router", () => {
  it("is for provider staff; client staff are refused", async () => {
    const client = callerFor(await createTestUser("CLIENT_ADMIN"));
    expect((await trpcError(client.customers.list({}))).code).toBe("FORBIDDEN");
  });

  it("creates and edits customers with field errors for bad input, and finds them by search with paging", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    const err = await trpcError(agent.customers.create({ name: "", email: "not-an-email" }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/Name is required|E-mail must be an address/);
    const c = await agent.customers.create({ name: "Router Customer", email: "router@example.test", country: "au" });
    expect(c.country).toBe("AU");
    const page = await agent.customers.list({ search: "ROUTER@", page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(page.rows.map((r) => r.id)).toEqual([c.id]);
    // Agents see CRM state, not billing state.
    expect(page.rows[0]?.billing).toBeNull();
    expect((await trpcError(agent.customers.get({ id: "missing-customer" }))).code).toBe("NOT_FOUND");
  });

  it("keeps billing fields for provider admins: an agent cannot set them, and an agent's save leaves them alone", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const agent = callerFor(await createTestUser("AGENT"));
    const c = await admin.customers.create({ name: "Taxed Ltd", email: "taxed@example.test", taxRatePercent: "13", legalName: "Taxed Limited", currency: "cad" });
    expect(c.taxRatePercent.toFixed()).toBe("13");

    const refused = await trpcError(agent.customers.update({ id: c.id, data: { name: "Taxed Ltd", taxRatePercent: "0" } }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await trpcError(agent.customers.billing({ id: c.id }))).code).toBe("FORBIDDEN");

    await agent.customers.update({ id: c.id, data: { name: "Taxed Ltd", email: "taxed@example.test", phone: "+1 555 0110" } });
    const row = (await admin.customers.list({ search: "taxed@" })).rows[0];
    expect(row?.billing).toMatchObject({ taxRatePercent: "13", subscriptions: 0, accounts: [] });
    const detail = await admin.customers.get({ id: c.id });
    expect(detail.customer).toMatchObject({ phone: "+1 555 0110", legalName: "Taxed Limited", currency: "CAD", kind: "company" });
    expect(await admin.customers.billing({ id: c.id })).toMatchObject({ paymentMethodLabel: null, billingAccountLinks: [], billingSubscriptions: [] });
  });
});
