/**
 * The sync dashboard of an Ascora connection: field jobs in the queue figures
 * by kind of record and in the queue filter, and the accounting import's
 * issues beside the dead letter, each with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { importAscoraAccounting } from "@/server/billing/external/import-ascora-accounting";
import { createTicketWithCustomer } from "@/server/field-jobs/testing/field-job-test-kit";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { startAscoraKit, type AscoraKit } from "../testing/ascora-test-kit";

let kit: AscoraKit;
beforeAll(async () => {
  kit = await startAscoraKit();
});
afterAll(async () => {
  await kit.close();
});

const admin = async () => callerFor(await createTestUser("PROVIDER_ADMIN"));

describe("sync dashboard with field jobs and import issues", () => {
  it("counts field jobs by kind of record (waiting ones apart) and filters the queue by kind", async () => {
    const { ticket, customer } = await createTicketWithCustomer();
    const agent = callerFor(await createTestUser("AGENT"));
    const { id: jobId } = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: kit.connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "x" });
    kit.fake.setFault({ type: "http_500", path: "/customers" });
    await kit.drain({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: "none" } });
    kit.fake.clearFaults();

    const api = await admin();
    const overview = await api.crm.sync.overview({ connectionId: kit.connection.id });
    const byEntity = Object.fromEntries(overview.entities.map((e) => [e.entity, e]));
    expect(byEntity.field_job).toMatchObject({ pending: 1, waiting: 1, failed: 0, dead: 0 });
    expect(byEntity.customer).toMatchObject({ failed: 1, waiting: 0 });
    const jobs = await api.crm.sync.queue({ connectionId: kit.connection.id, entity: "field_job", page: 1, pageSize: 25 });
    expect(jobs.rows.map((r) => [r.entityId, r.waiting])).toEqual([[jobId, true]]);
    const customers = await api.crm.sync.queue({ connectionId: kit.connection.id, entity: "customer", page: 1, pageSize: 25 });
    expect(customers.rows.map((r) => r.entityId)).toEqual([customer.id]);
    expect(customers.rows[0]!.waiting).toBe(false);

    await db.syncQueueItem.updateMany({ where: { connectionId: kit.connection.id }, data: { nextAttemptAt: new Date(0) } });
    await kit.drain();
    const after = Object.fromEntries((await api.crm.sync.overview({ connectionId: kit.connection.id })).entities.map((e) => [e.entity, e]));
    expect(after.field_job).toMatchObject({ pending: 0, waiting: 0, succeeded24h: 1 });
    const calls = await api.crm.sync.log({ connectionId: kit.connection.id, search: jobId, page: 1, pageSize: 25 });
    expect(calls.total).toBeGreaterThan(0);
    expect(calls.rows.every((c) => c.entity === "field_job")).toBe(true);
  });

  it("lists the connection's open accounting import issues with their reason; import again refuses unknown connections clearly", async () => {
    kit.fake.state.seedInvoice({
      Id: "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11",
      InvoiceDate: "2026-11-30T00:00:00Z",
      InvoiceDueDate: "2026-12-14T00:00:00Z",
      InvoiceNumber: "INV-1001",
      AmountExTax: 200,
      AdjustedAmountExTax: -5,
      Tax: 18,
      CustomerId: "0b9f6a52-1e0e-4f3c-8a55-4f0a7d9c2e01",
      InvoiceLines: [],
    });
    await importAscoraAccounting(db, kit.connection.id, { trigger: "manual" });
    // Another connection's issue is not this connection's.
    const other = await db.crmConnection.create({ data: { name: "Other", provider: "ascora", baseUrl: "https://other.test", username: "u", secretCiphertext: "x", modules: {} } });
    await db.externalImportIssue.create({ data: { connectionId: other.id, kind: "payment", remoteId: "p-1", reason: "elsewhere" } });

    const api = await admin();
    const issues = await api.crm.sync.importIssues({ connectionId: kit.connection.id, page: 1, pageSize: 25 });
    expect(issues.total).toBe(1);
    expect(issues.rows[0]).toMatchObject({ kind: "invoice", remoteId: "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11", waiting: false, resolvedAt: null });
    expect(issues.rows[0]!.reason).toContain("AdjustedAmountExTax is negative");
    await expect(api.crm.sync.importAgain({ connectionId: "no-such-connection" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.crm.sync.importAgain({ connectionId: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Choose a connection") });
    const client = callerFor(await createTestUser("CLIENT_ADMIN"));
    await expect(client.crm.sync.importIssues({ connectionId: kit.connection.id, page: 1, pageSize: 25 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
