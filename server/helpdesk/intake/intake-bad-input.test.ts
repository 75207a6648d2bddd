/**
 * Odd bytes and shapes on POST /api/v1/tickets: every one is a 4xx naming the
 * field (never a 500 with PostgreSQL's text), and nothing is filed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { createHelpdeskApiKey } from "./api-keys";
import { handleCreateIntakeTicket, MAX_INTAKE_BODY_BYTES } from "./intake-http";

let key: string;

const validBody = {
  name: "Ada Lovelace",
  email: "ada@entech.example",
  subject: "Cannot print invoices",
  description: "The print button does nothing.",
  type: "technical_support",
};

function post(body: unknown, headers: Record<string, string> = {}) {
  return handleCreateIntakeTicket(
    new Request("http://localhost/api/v1/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

beforeAll(async () => {
  const org = await createTestOrganisation({ label: "BADBYTES" });
  key = (await createHelpdeskApiKey(db, { organisationId: org.id, name: "portal", createdById: null })).key;
});

describe("POST /api/v1/tickets with bytes PostgreSQL cannot store", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["subject", { subject: "Printer\u0000 down" }, "subject"],
    ["description", { description: "It\u0000 broke" }, "description"],
    ["a diagnostics key", { diagnostics: { "app\u0000Version": "1" } }, "diagnostics"],
    ["a diagnostics value", { diagnostics: { appVersion: "4.2\u0000" } }, "diagnostics"],
    ["a nested diagnostics value", { diagnostics: { env: { list: ["ok", "bad\u0000"] } } }, "diagnostics"],
    ["a device serial", { deviceSerials: ["SN-1", "SN\u00002"] }, "deviceSerials.1"],
  ];
  it.each(cases)("a NUL in %s is a 422 naming the field", async (_what, patch, field) => {
    const response = await post({ ...validBody, ...patch });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; message: string; details: Record<string, string[]> };
    expect(body.code).toBe("invalid_input");
    expect(Object.keys(body.details)).toContain(field);
    expect(body.message).toMatch(/NUL/);
    expect(await db.ticket.count()).toBe(0);
  });

  it("refuses diagnostics nested 1,000 deep (well under 32 KB) with a 422", async () => {
    const response = await post({ ...validBody, diagnostics: { trace: nested(1000) } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { message: string }).message).toMatch(/nested more than 20 levels/);
    expect(await db.ticket.count()).toBe(0);
  });

  it("answers a body declared larger than the cap with 413 before reading it", async () => {
    const request = new Request("http://localhost/api/v1/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "content-length": String(MAX_INTAKE_BODY_BYTES + 1) },
      body: new ReadableStream({ pull: () => expect.unreachable("the body must not be read") }),
      duplex: "half",
    } as RequestInit);
    const response = await handleCreateIntakeTicket(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload_too_large" });
  });
});
