/** The ledger router: provider admins only, bad input a 4xx naming the field, and no legacy database a clear 412. */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";

let admin: SessionUser;
let agent: SessionUser;

beforeAll(async () => {
  const provider = await createTestOrganisation({ kind: "PROVIDER" });
  admin = await createTestUser("PROVIDER_ADMIN", provider);
  agent = await createTestUser("AGENT", provider);
});

describe("ledger router", () => {
  it("is for provider admins only", async () => {
    expect(await codeOf(callerFor(agent).ledger.reports.trialBalance({ asOf: "2026-12-31" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(null).ledger.invoices.list({}))).toBe("UNAUTHORIZED");
    const tb = await callerFor(admin).ledger.reports.trialBalance({ asOf: "2026-12-31" });
    expect(tb.rows.map((r) => r.code)).toEqual(["1000", "1050", "1100", "2200", "4100", "4200", "4300", "4900"]);
    expect([tb.totalDebit, tb.totalCredit]).toEqual(["0.00", "0.00"]);
  });

  it("refuses bad input with BAD_REQUEST: a non-date, a reversed range, an empty selection", async () => {
    const caller = callerFor(admin);
    expect(await codeOf(caller.ledger.reports.trialBalance({ asOf: "yesterday" }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.ledger.reports.exportCsv({ from: "2026-12-31", to: "2026-01-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.ledger.invoices.post({ ids: [] }))).toBe("BAD_REQUEST");
  });

  it("answers Ingest now without a saved legacy database with PRECONDITION_FAILED and a message saying so", async () => {
    const error = await callerFor(admin).ledger.invoices.ingest({ dryRun: true }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((error as Error).message).toMatch(/legacy database/i);
  });

  it("keeps the auto-post setting an admin saves", async () => {
    expect((await callerFor(admin).ledger.invoices.updateSettings({ autoPost: true })).autoPost).toBe(true);
    expect((await callerFor(admin).ledger.invoices.settings()).autoPost).toBe(true);
  });

  it("lets an admin add and remove family rules, refusing a duplicate keyword with CONFLICT", async () => {
    const caller = callerFor(admin);
    const rule = await caller.ledger.rules.create({ keyword: "  SSL Certificate ", family: "addons" });
    expect(rule).toMatchObject({ keyword: "ssl certificate", family: "addons" });
    expect(await codeOf(caller.ledger.rules.create({ keyword: "ssl certificate", family: "hosting" }))).toBe("CONFLICT");
    expect(await codeOf(caller.ledger.rules.create({ keyword: "x", family: "hosting" }))).toBe("BAD_REQUEST");
    expect((await caller.ledger.rules.list()).at(-1)).toMatchObject({ keyword: "ssl certificate" });
    await caller.ledger.rules.delete({ id: rule.id });
    expect(await codeOf(caller.ledger.rules.delete({ id: rule.id }))).toBe("NOT_FOUND");
  });

  it("shows what each source posted and the ledger's currency; a currency that is not an ISO code is a BAD_REQUEST naming the field", async () => {
    const caller = callerFor(admin);
    const overview = await caller.ledger.sources.overview();
    expect(overview.currency).toMatch(/^[A-Z]{3}$/);
    expect(overview.sources.map((s) => s.label)).toContain("Ascora invoices");
    expect(await codeOf(callerFor(agent).ledger.sources.setCurrency({ currency: "CAD" }))).toBe("FORBIDDEN");
    const bad = (await caller.ledger.sources.setCurrency({ currency: "dollars" }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    expect(bad.message).toMatch(/three-letter ISO 4217/);
    // Saving the currency it already has always succeeds (other tests may have posted entries in it).
    expect(await caller.ledger.sources.setCurrency({ currency: overview.currency.toLowerCase() })).toEqual({ currency: overview.currency });
  });
});
