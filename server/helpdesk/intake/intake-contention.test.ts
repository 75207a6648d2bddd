/**
 * 60 intakes with one Idempotency-Key at once on a host that is slow and short
 * of connections: one ticket, 60 answers of 201 with that ticket, and none a
 * 500 from "Unable to start a transaction in the given time".
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { slowDb } from "@/server/testing/slow-db";
import { createHelpdeskApiKey } from "./api-keys";
import { handleCreateIntakeTicket } from "./intake-http";

const loaded = slowDb({ poolSize: 3, delayMs: 20 });
afterAll(() => loaded.$disconnect());

describe("same-key intakes under load", () => {
  it("files one ticket for 60 parallel requests with one key and answers every one with it", async () => {
    const org = await createTestOrganisation({ label: "LOADKEY" });
    const { key } = await createHelpdeskApiKey(db, { organisationId: org.id, name: "portal", createdById: null });
    const body = JSON.stringify({ name: "Ada", email: "ada@load.test", subject: "Same key burst", description: "Retried by a flaky client", type: "technical_support" });
    const send = () =>
      handleCreateIntakeTicket(
        new Request("http://localhost/api/v1/tickets", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "burst-1" },
          body,
        }),
        loaded,
      );
    const responses = await Promise.all(Array.from({ length: 60 }, send));
    const statuses = responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    console.log("60 parallel same-key intakes (pool 3, +20 ms per statement):", JSON.stringify(statuses));
    expect(statuses).toEqual({ 201: 60 });
    const numbers = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { number: string }).number)));
    expect(numbers.size).toBe(1);
    expect(await db.ticket.count({ where: { organisationId: org.id } })).toBe(1);
  });
});
