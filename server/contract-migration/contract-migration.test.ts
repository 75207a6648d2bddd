import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";
import { balanceOf } from "@/server/hour-cards/record-card-transaction";
import { createTestCard, expireCardNow } from "@/server/hour-cards/testing";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { codeOf } from "@/server/testing/trpc-code";
import { contractSourceFor } from "./crm-source";
import { getMigrationConnectionOrThrow } from "./migration-connections";
import { startMigrationFixture, writeOperations, type MigrationFixture } from "./testing/migration-fixture";

let fx: MigrationFixture;
let admin: SessionUser;
let api: ReturnType<typeof callerFor>;

beforeAll(async () => {
  fx = await startMigrationFixture({ timeLogs: true });
  admin = await createTestUser("PROVIDER_ADMIN");
  api = callerFor(admin);
  await api.contractMigration.settings.save({
    connectionId: fx.kit.connection.id,
    settings: { timeLogModule: "TimeLogs", hoursField: "hours", dateField: "log_date", descriptionField: "description", relationField: "related_to" },
  });
});
afterAll(async () => {
  await fx.close();
});

async function start(dryRun: boolean, contractId = fx.contractId) {
  return api.contractMigration.runs.start({ connectionId: fx.kit.connection.id, contractId, dryRun });
}
async function itemsOf(runId: string) {
  return (await api.contractMigration.runs.get({ id: runId })).items;
}
async function messageOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "OK",
    (e: Error) => e.message,
  );
}

describe("the wizard's CRM client is read-only", () => {
  it("offers no operation that writes", async () => {
    const source = contractSourceFor(await getMigrationConnectionOrThrow(db, fx.kit.connection.id));
    const names = Object.keys(source).map((k) => k.toLowerCase());
    for (const write of ["create", "update", "delete", "revise", "client"]) {
      expect(names.some((n) => n.includes(write))).toBe(false);
    }
    expect(names.sort()).toEqual(["describe", "getcontract", "listcases", "listcontracts", "listtimelogs"]);
  });
});

describe("picking a contract", () => {
  it("lists contracts with the customer each resolves to, and filters by our customer's account", async () => {
    const all = await api.contractMigration.contracts({ connectionId: fx.kit.connection.id });
    const byId = new Map(all.map((c) => [c.externalId, c]));
    expect(byId.get(fx.contractId)?.customer?.id).toBe(fx.customer.id);
    expect(byId.get(fx.orphanContractId)?.customer).toBeNull();
    expect(byId.get(fx.unlinkedContractId)?.customer).toBeNull();
    const mine = await api.contractMigration.contracts({ connectionId: fx.kit.connection.id, customerId: fx.customer.id });
    expect(mine.map((c) => c.externalId)).toEqual([fx.contractId]);
    const found = await api.contractMigration.contracts({ connectionId: fx.kit.connection.id, search: "No account" });
    expect(found.map((c) => c.externalId)).toEqual([fx.orphanContractId]);
  });

  it("refuses a contract with no account, or an account not linked to a customer, and stores nothing", async () => {
    const before = await db.contractMigrationRun.count();
    expect(await messageOf(start(true, fx.orphanContractId))).toMatch(/has no account in the CRM/);
    expect(await codeOf(start(true, fx.unlinkedContractId))).toBe("BAD_REQUEST");
    expect(await messageOf(start(true, fx.unlinkedContractId))).toMatch(/is not linked to a Switchboard customer/);
    expect(await db.contractMigrationRun.count()).toBe(before);
  });

  it("checks the time-log settings against describe", async () => {
    const bad = (settings: { timeLogModule: string; hoursField: string; relationField: string }) =>
      messageOf(api.contractMigration.settings.save({ connectionId: fx.kit.connection.id, settings }));
    expect(await bad({ timeLogModule: "TimeLogs", hoursField: "hourz", relationField: "related_to" })).toMatch(/TimeLogs has no field "hourz"/);
    expect(await bad({ timeLogModule: "TimeLogs", hoursField: "hours", relationField: "ticket_id" })).toMatch(/does not point at ServiceContracts/);
    expect(await bad({ timeLogModule: "Nope", hoursField: "hours", relationField: "related_to" })).toMatch(/no module "Nope"/);
  });
});

describe("loading when the CRM fails mid-load", () => {
  it("answers a clear 502, writes nothing, and a retry loads cleanly", async () => {
    const before = await db.contractMigrationRun.count();
    fx.kit.fake.setFault({ type: "error", code: "DATABASE_QUERY_ERROR", message: "Database error while performing requested operation", operations: ["query"] });
    const failed = start(true);
    expect(await codeOf(failed)).toBe("BAD_GATEWAY");
    expect(await messageOf(start(true))).toMatch(/The CRM failed while loading the contract's time logs: .*Nothing was saved; try again\./);
    expect(await db.contractMigrationRun.count()).toBe(before);
    expect(await db.contractMigrationItem.count({ where: { run: { contractExternalId: fx.contractId } } })).toBe(0);
    fx.kit.fake.clearFaults();
    const { runId, resumed } = await start(true);
    expect(resumed).toBe(false);
    const items = await itemsOf(runId);
    expect(items.map((i) => [i.kind, i.externalId])).toEqual([
      ["case", fx.caseIds[0]],
      ["case", fx.caseIds[1]],
      ["time_log", fx.timeLogIds[0]],
      ["time_log", fx.timeLogIds[1]],
      ["time_log", fx.timeLogIds[2]],
    ]);
    await db.contractMigrationRun.delete({ where: { id: runId } });
  });
});

describe("a dry run, then the live run", () => {
  let cardId: string;

  it("dry run: the same steps, nothing written but the run's own rows and DRY RUN audit, only reads sent to the CRM", async () => {
    cardId = await createTestCard(fx.customer.id, 600, { name: "Ten hours" });
    fx.kit.fake.calls.length = 0;
    const { runId } = await start(true);
    const items = await itemsOf(runId);
    await api.contractMigration.runs.processItem({ runId, itemId: items[0]!.id, action: "archive" });
    await api.contractMigration.runs.processItem({ runId, itemId: items[1]!.id, action: "skip", reason: "Duplicate of the first" });
    await api.contractMigration.runs.processItem({ runId, itemId: items[2]!.id, action: "transfer", cardId });
    const zero = await api.contractMigration.runs.processItem({ runId, itemId: items[3]!.id, action: "transfer", cardId });
    const typo = await api.contractMigration.runs.processItem({ runId, itemId: items[4]!.id, action: "transfer", cardId });
    expect(zero).toMatchObject({ state: "failed", message: expect.stringMatching(/Hours must be above 0/) });
    expect(typo).toMatchObject({ state: "failed", message: expect.stringMatching(/Hours must be a number; the CRM has "abc"/) });

    const run = await api.contractMigration.runs.get({ id: runId });
    expect(run.items.map((i) => i.state)).toEqual(["would_archive", "skipped", "would_transfer", "failed", "failed"]);
    expect(run).toMatchObject({ status: "completed", archivedCount: 1, transferredCount: 1, minutesTransferred: 90, skippedCount: 1, failedCount: 2 });
    expect(await db.archivedCase.count({ where: { connectionId: fx.kit.connection.id } })).toBe(0);
    expect(await balanceOf(db, cardId)).toBe(600);
    const audit = await api.contractMigration.runs.audit({ id: runId });
    expect(audit.length).toBe(6);
    expect(audit.every((a) => a.mode === "DRY RUN" && a.detail.startsWith("DRY RUN: "))).toBe(true);
    expect(writeOperations(fx.kit)).toEqual([]);
    expect(fx.kit.fake.calls.map((c) => c.operation)).toContain("retrieve_related");
  });

  it("refuses another customer's card, an expired or a closed card, and leaves the item to choose again", async () => {
    const { runId } = await start(false);
    const log = (await itemsOf(runId)).find((i) => i.kind === "time_log")!;
    const other = await db.customer.create({ data: { name: "Someone else" } });
    const othersCard = await createTestCard(other.id, 60);
    const expired = await createTestCard(fx.customer.id, 60, { name: "Old card" });
    await expireCardNow(expired);
    const closed = await createTestCard(fx.customer.id, 60, { name: "Closed card" });
    await db.hourCard.update({ where: { id: closed }, data: { status: "closed", closedAt: new Date() } });
    const transfer = (card: string) => api.contractMigration.runs.processItem({ runId, itemId: log.id, action: "transfer", cardId: card });
    expect(await codeOf(transfer(othersCard))).toBe("BAD_REQUEST");
    expect(await messageOf(transfer(othersCard))).toMatch(/belongs to another customer/);
    expect(await messageOf(transfer(expired))).toMatch(/has expired/);
    expect(await messageOf(transfer(closed))).toMatch(/is closed, not active/);
    expect((await api.contractMigration.runs.cards({ id: runId })).map((c) => c.id)).toEqual([cardId]);
    expect((await itemsOf(runId)).find((i) => i.id === log.id)?.state).toBe("pending");
    expect(await balanceOf(db, othersCard)).toBe(60);
  });

  it("live: resumes at the next unprocessed item, archives and transfers once, with COMMITTED audit", async () => {
    const { runId, resumed } = await start(false);
    expect(resumed).toBe(true);
    const items = await itemsOf(runId);
    await api.contractMigration.runs.processItem({ runId, itemId: items[0]!.id, action: "archive" });
    // The browser closed here: coming back finds the run open at the second item.
    const again = await start(false);
    expect(again).toEqual({ runId, resumed: true });
    expect((await api.contractMigration.runs.get({ id: runId })).nextItemId).toBe(items[1]!.id);

    const preview = await api.contractMigration.runs.previewRest({ id: runId });
    expect(preview).toEqual({ cases: 1, timeLogs: 3, minutes: 90, invalidTimeLogs: 2 });
    await api.contractMigration.runs.applyToRest({ runId, cardId });

    const run = await api.contractMigration.runs.get({ id: runId });
    expect(run.items.map((i) => i.state)).toEqual(["archived", "archived", "transferred", "failed", "failed"]);
    expect(run).toMatchObject({ status: "completed", archivedCount: 2, transferredCount: 1, minutesTransferred: 90, failedCount: 2 });
    expect(await balanceOf(db, cardId)).toBe(690);
    const tx = await db.hourCardTransaction.findUniqueOrThrow({ where: { sourceKey: `crm-timelog:${fx.kit.connection.id}:${fx.timeLogIds[0]}` } });
    expect(tx).toMatchObject({ kind: "top_up", minutes: 90, sourceType: "crm_time_log", sourceId: fx.timeLogIds[0] });
    const archived = await db.archivedCase.findUniqueOrThrow({ where: { connectionId_externalId: { connectionId: fx.kit.connection.id, externalId: fx.caseIds[0]! } } });
    expect(archived).toMatchObject({ sourceSystem: "vtiger", customerId: fx.customer.id, title: "Printer offline", status: "Closed", description: "Level 2 printer" });
    expect((archived.raw as { hours: string }).hours).toBe("2.50000000");
    const audit = await api.contractMigration.runs.audit({ id: runId });
    expect(audit.filter((a) => a.itemId).every((a) => a.mode === "COMMITTED")).toBe(true);
    expect(audit.map((a) => a.detail)).toContain(`COMMITTED: transferred 1.50 h from 2026-03-02 · Onsite visit to card Ten hours · 10.00 h left`);

    const found = await api.contractMigration.archivedCases.list({ search: "printer" });
    expect(found.rows.map((r) => r.externalId)).toContain(fx.caseIds[0]);
    expect(writeOperations(fx.kit)).toEqual([]);
  });

  it("a second live run cannot archive or transfer the same records again", async () => {
    const { runId } = await start(false);
    const items = await itemsOf(runId);
    const archived = await api.contractMigration.runs.processItem({ runId, itemId: items[0]!.id, action: "archive" });
    expect(archived).toMatchObject({ state: "failed", message: expect.stringMatching(/is already archived/) });
    const moved = await api.contractMigration.runs.processItem({ runId, itemId: items[2]!.id, action: "transfer", cardId });
    expect(moved).toMatchObject({ state: "failed", message: expect.stringMatching(/already transferred/) });
    expect(await balanceOf(db, cardId)).toBe(690);
    expect(await codeOf(api.contractMigration.runs.processItem({ runId, itemId: items[0]!.id, action: "archive" }))).toBe("CONFLICT");
  });
});

describe("the same time log processed twice at once", () => {
  it("transfers once; the other request is told it was already transferred", async () => {
    const fx2 = await startMigrationFixture({ timeLogs: true });
    try {
      const api2 = callerFor(admin);
      await api2.contractMigration.settings.save({
        connectionId: fx2.kit.connection.id,
        settings: { timeLogModule: "TimeLogs", hoursField: "hours", relationField: "related_to" },
      });
      const card = await createTestCard(fx2.customer.id, 60);
      const { runId } = await api2.contractMigration.runs.start({ connectionId: fx2.kit.connection.id, contractId: fx2.contractId, dryRun: false });
      const log = (await api2.contractMigration.runs.get({ id: runId })).items.find((i) => i.kind === "time_log")!;
      const go = () => api2.contractMigration.runs.processItem({ runId, itemId: log.id, action: "transfer", cardId: card });
      const results = await Promise.allSettled([go(), go()]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((rejected.reason as Error).message).toMatch(/already transferred/);
      expect(await db.hourCardTransaction.count({ where: { cardId: card, kind: "top_up", sourceType: "crm_time_log" } })).toBe(1);
      expect(await balanceOf(db, card)).toBe(150);
      expect((await api2.contractMigration.runs.get({ id: runId })).transferredCount).toBe(1);
    } finally {
      await fx2.close();
    }
  });
});

describe("a CRM without a time-log module", () => {
  it("uses the hours recorded on the contract's cases", async () => {
    const fx3 = await startMigrationFixture();
    try {
      const { runId } = await api.contractMigration.runs.start({ connectionId: fx3.kit.connection.id, contractId: fx3.contractId, dryRun: true });
      const items = await itemsOf(runId);
      expect(items.map((i) => [i.kind, i.externalId, i.hoursText])).toEqual([
        ["case", fx3.caseIds[0], null],
        ["case", fx3.caseIds[1], null],
        ["time_log", fx3.caseIds[0], "2.50000000"],
        ["time_log", fx3.caseIds[1], "1.25000000"],
      ]);
      // "Apply to the rest" needs a card only while time logs remain.
      expect(await messageOf(api.contractMigration.runs.applyToRest({ runId }))).toMatch(/Pick a default card/);
      for (const log of items.filter((i) => i.kind === "time_log")) {
        await api.contractMigration.runs.processItem({ runId, itemId: log.id, action: "skip", reason: "Billed elsewhere" });
      }
      await api.contractMigration.runs.applyToRest({ runId });
      const run = await api.contractMigration.runs.get({ id: runId });
      expect(run).toMatchObject({ status: "completed", archivedCount: 2, skippedCount: 2 });
    } finally {
      await fx3.close();
    }
  });
});

describe("access", () => {
  it("is for provider admins; agents may only read archived cases", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    expect(await codeOf(agent.contractMigration.runs.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(agent.contractMigration.archivedCases.list({}))).toBe("OK");
    const client = callerFor(await createTestUser("CLIENT_ADMIN"));
    expect(await codeOf(client.contractMigration.archivedCases.list({}))).toBe("FORBIDDEN");
  });
});
