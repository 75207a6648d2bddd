import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer, updateCustomer } from "@/server/customers/save-customer";
import { contactsOf, startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { forgetConnector } from "../connection-runtime";
import { retryItems } from "./retry-items";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});
beforeEach(async () => {
  kit.fake.clearFaults();
  // The CRM account's pacing is shared through PostgreSQL; one test's exhausted quota must not hold the next.
  await db.crmRatePacing.deleteMany();
});

const link = (entityId: string) =>
  db.syncLink.findUniqueOrThrow({
    where: { connectionId_entity_entityId: { connectionId: kit.connection.id, entity: "customer", entityId } },
  });
const itemsOf = (entityId: string) => db.syncQueueItem.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } });

describe("queue worker", () => {
  it("creates the contact, links it and logs every call with the item's correlation id", async () => {
    const c = await createCustomer(db, {
      kind: "person",
      name: "Mary Ann Smith",
      email: "MARY@example.test",
      phone: "+61 2 1234",
      addressLine1: "1 George St",
      city: "Sydney",
      country: "au",
      taxId: "ABN 1",
    });
    const result = await kit.drain();
    expect(result).toMatchObject({ succeeded: 1, failed: 0, dead: 0 });
    const [remote] = contactsOf(kit.fake, c.id);
    expect(remote?.fields).toMatchObject({
      firstname: "Mary Ann",
      lastname: "Smith",
      email: "mary@example.test",
      mailingstreet: "1 George St",
      mailingcity: "Sydney",
      mailingcountry: "AU",
      cf_tax_id: "ABN 1",
    });
    const l = await link(c.id);
    expect(l).toMatchObject({ status: "SYNCED", externalId: remote!.id, lastError: null });
    expect(l.remoteUrl).toBe(`${kit.fake.url}/index.php?module=Contacts&view=Detail&record=${remote!.id.split("x")[1]}`);
    const stored = await db.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored.externalIds).toEqual({ [`vtiger:${kit.connection.id}`]: remote!.id });
    const [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    const calls = await db.syncCallLog.findMany({ where: { queueItemId: item!.id } });
    expect(calls.map((x) => x.operation)).toContain("create");
    expect(calls.every((x) => x.correlationId === item!.correlationId && x.entityId === c.id && x.status === "ok")).toBe(true);
  });

  it("pushes only what changed here, reading linked records ahead (retrieve per id where MassRetrieve is missing)", async () => {
    const a = await createCustomer(db, { name: "Alan Turing", email: "alan@example.test", phone: "1" });
    const b = await createCustomer(db, { name: "Joan Clarke", email: "joan@example.test", phone: "2" });
    await kit.drain();
    await updateCustomer(db, a.id, { name: "Alan Turing", email: "alan@example.test", phone: "11" });
    await updateCustomer(db, b.id, { name: "Joan Clarke", email: "joan@example.test", phone: "22", city: "Bletchley" });
    const before = kit.fake.calls.length;
    await kit.drain();
    const ops = kit.fake.calls.slice(before).map((x) => x.operation);
    // Vtiger 8.4 has no MassRetrieve (an empty HTTP 500): one try, then one retrieve each and one revise each
    // (and their notes: none, nothing significant changed).
    expect(ops.filter((o) => o === "massretrieve")).toHaveLength(1);
    expect(ops.filter((o) => o === "retrieve")).toHaveLength(2);
    expect(ops.filter((o) => o === "revise")).toHaveLength(2);
    expect(contactsOf(kit.fake, b.id)[0]!.fields).toMatchObject({ phone: "22", mailingcity: "Bletchley" });
  });

  it("leaves a note on the CRM record for a significant change", async () => {
    const c = await createCustomer(db, { name: "Note Worthy", email: "old@example.test", phone: "1" });
    await kit.drain();
    await updateCustomer(db, c.id, { name: "Note Worthy", email: "new@example.test", phone: "1" });
    await kit.drain();
    const [contact] = contactsOf(kit.fake, c.id);
    const notes = kit.fake.records.list("ModComments").filter((n) => n.fields.related_to === contact!.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.fields.commentcontent).toContain('E-mail changed from "old@example.test" to "new@example.test"');
  });

  it("backs off exponentially on 500s, honours Retry-After, and dead-letters after the last attempt", async () => {
    const c = await createCustomer(db, { name: "Flaky Server", email: "flaky@example.test", phone: "1" });
    kit.fake.setFault({ type: "http_500", operations: ["create"] });
    const backoff = { baseMs: 60_000, maxMs: 600_000, jitter: "none" as const };
    const t0 = Date.now();
    await kit.drain({ backoff });
    let [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "FAILED", attempts: 1, lastErrorKind: "transient" });
    expect(item!.lastError).toMatch(/HTTP 500/);
    expect(item!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 + 60_000);
    expect(item!.nextAttemptAt.getTime()).toBeLessThan(Date.now() + 61_000);
    expect(await link(c.id)).toMatchObject({ status: "FAILED" });

    // Not due yet: a drain leaves it alone.
    expect((await kit.drain({ backoff })).processed).toBe(0);

    await db.syncQueueItem.update({ where: { id: item!.id }, data: { nextAttemptAt: new Date(0) } });
    const t1 = Date.now();
    await kit.drain({ backoff });
    [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(item!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1 + 120_000);

    // A 429 with Retry-After longer than the backoff step: the server's wait wins.
    kit.fake.clearFaults();
    kit.fake.setFault({ type: "rate_limit", retryAfterSeconds: 900, operations: ["create"] });
    await db.syncQueueItem.update({ where: { id: item!.id }, data: { nextAttemptAt: new Date(0) } });
    const t2 = Date.now();
    await kit.drain({ backoff });
    [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "FAILED", attempts: 3, lastErrorKind: "rate_limited" });
    expect(item!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t2 + 900_000 - 1000);
    // Every instance now paces itself until the CRM's reset; forgetting the shared state stands in for "15 minutes later".
    expect(await db.crmRatePacing.count()).toBe(1);
    await db.crmRatePacing.deleteMany();
    forgetConnector(kit.connection.id);

    kit.fake.clearFaults();
    kit.fake.setFault({ type: "http_500", operations: ["create"] });
    await db.syncQueueItem.update({ where: { id: item!.id }, data: { nextAttemptAt: new Date(0), maxAttempts: 4 } });
    await kit.drain({ backoff });
    [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "DEAD", attempts: 4 });
    expect(await link(c.id)).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/HTTP 500/) });
    expect(contactsOf(kit.fake, c.id)).toHaveLength(0);

    // Fixed: a manual retry pushes it.
    kit.fake.clearFaults();
    expect(await retryItems(db, { connectionId: kit.connection.id, allDead: true })).toMatchObject({ retried: 1 });
    [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "PENDING", attempts: 0 });
    await kit.drain({ backoff });
    expect((await itemsOf(c.id))[0]).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await link(c.id)).toMatchObject({ status: "SYNCED", lastError: null });
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);
  });

  it("'Retry all dead' retries a record with two dead pushes without a unique-key error; one of them waits as the push", async () => {
    const c = await createCustomer(db, { name: "Twice Dead", email: "twice-dead@example.test", phone: "1" });
    kit.fake.setFault({ type: "error", code: "MANDATORY_FIELDS_MISSING", message: "lastname does not have a value", operations: ["create"] });
    await kit.drain();
    await updateCustomer(db, c.id, { name: "Twice Dead", email: "twice-dead@example.test", phone: "2" });
    await kit.drain();
    expect((await itemsOf(c.id)).map((i) => i.status)).toEqual(["DEAD", "DEAD"]);
    kit.fake.clearFaults();
    expect(await retryItems(db, { connectionId: kit.connection.id, allDead: true })).toMatchObject({ retried: 2 });
    const retried = await itemsOf(c.id);
    expect(retried.map((i) => i.status)).toEqual(["PENDING", "PENDING"]);
    expect(retried.filter((i) => i.coalesceKey !== null)).toHaveLength(1);
    await kit.drain();
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);
    expect(contactsOf(kit.fake, c.id)[0]!.fields.phone).toBe("2");
  });

  it("sends a failure a retry cannot fix (missing mandatory field) straight to the dead letter", async () => {
    const c = await createCustomer(db, { name: "Invalid Data", email: "invalid@example.test", phone: "1" });
    kit.fake.setFault({ type: "error", code: "MANDATORY_FIELDS_MISSING", message: "lastname does not have a value", operations: ["create"] });
    await kit.drain();
    const [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "DEAD", attempts: 1, lastErrorKind: "validation" });
  });

  it("never duplicates the remote record when a create's answer was lost and the push is retried", async () => {
    const c = await createCustomer(db, { name: "Lost Answer", email: "lost@example.test", phone: "1" });
    kit.fake.setFault({ type: "drop_response", operations: ["create"], times: 1 });
    await kit.drain({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: "none" } });
    let [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "FAILED", attempts: 1, lastErrorKind: "transient" });
    // The CRM did make it.
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);

    await db.syncQueueItem.update({ where: { id: item!.id }, data: { nextAttemptAt: new Date(0) } });
    await kit.drain();
    [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    const contacts = contactsOf(kit.fake, c.id);
    expect(contacts).toHaveLength(1);
    expect((await link(c.id)).externalId).toBe(contacts[0]!.id);
  });

  it("does the same after a timeout, and retries a selection by id", async () => {
    const c = await createCustomer(db, { name: "Slow Answer", email: "slow@example.test", phone: "1" });
    kit.fake.setFault({ type: "timeout", operations: ["create"], times: 1 });
    await kit.drain({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: "none" } });
    let [item] = await itemsOf(c.id);
    expect(item).toMatchObject({ status: "FAILED", lastErrorKind: "timeout" });
    await db.syncQueueItem.update({ where: { id: item!.id }, data: { nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    expect((await retryItems(db, { ids: [item!.id] })).retried).toBe(1);
    await kit.drain();
    [item] = await itemsOf(c.id);
    expect(item!.status).toBe("SUCCEEDED");
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);
  });

  it("renews an expired CRM session without failing the item", async () => {
    const c = await createCustomer(db, { name: "Session Ended", email: "session@example.test", phone: "1" });
    kit.fake.setFault({ type: "expire_session" });
    await kit.drain();
    expect((await itemsOf(c.id))[0]).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
  });

  it("queues a follow-up task for the customer-care role when contact details are missing", async () => {
    const c = await createCustomer(db, { name: "No Contact Details" });
    await kit.drain();
    const [contact] = contactsOf(kit.fake, c.id);
    const tasks = kit.fake.records.list("Calendar").filter((t) => t.fields.contact_id === contact!.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.fields.subject).toBe("Missing e-mail and phone for No Contact Details");
    const careUsers = kit.fake.records.list("Users").filter((u) => u.fields.roleid === "H5").map((u) => u.id);
    expect(careUsers).toContain(tasks[0]!.fields.assigned_user_id);
  });

  it("does not push for a disabled connection and resumes when it is enabled again", async () => {
    await db.crmConnection.update({ where: { id: kit.connection.id }, data: { enabled: false } });
    const c = await db.customer.create({ data: { name: "Paused" } });
    await db.syncQueueItem.create({
      data: { connectionId: kit.connection.id, entity: "customer", entityId: c.id, operation: "CREATE", correlationId: "c", idempotencyKey: `k-${c.id}` },
    });
    expect(await kit.drain()).toMatchObject({ skipped: true, processed: 0 });
    await db.crmConnection.update({ where: { id: kit.connection.id }, data: { enabled: true } });
    expect(await kit.drain()).toMatchObject({ skipped: false, succeeded: 1 });
  });
});
