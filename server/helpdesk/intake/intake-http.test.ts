import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrganisation } from "@/server/testing/factories";
import { addTicketMessage } from "../post-message";
import { createHelpdeskApiKey, revokeHelpdeskApiKey } from "./api-keys";
import { handleCreateIntakeTicket, handleGetIntakeTicket, handleListIntakeTickets } from "./intake-http";

let entech: Awaited<ReturnType<typeof createTestOrganisation>>;
let northwind: Awaited<ReturnType<typeof createTestOrganisation>>;
let entechKey: string;
let northwindKey: string;

const URL_BASE = "http://localhost:3000/api/v1/tickets";

function post(body: unknown, headers: Record<string, string> = {}) {
  return handleCreateIntakeTicket(
    new Request(URL_BASE, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const validBody = {
  name: "Ada Lovelace",
  email: "Ada@Entech.example",
  subject: "Cannot print invoices",
  description: "The print button does nothing since the last update.",
  type: "technical_support",
  priority: "high",
  affectedServices: ["portal"],
  diagnostics: { appVersion: "4.2.1", browser: "Firefox 140" },
  attachments: [{ filename: "log.txt", contentType: "text/plain", data: Buffer.from("error: printer offline\n").toString("base64") }],
};

beforeAll(async () => {
  entech = await createTestOrganisation({ label: "ENTECHAPI" });
  northwind = await createTestOrganisation({ label: "NORTHAPI" });
  entechKey = (await createHelpdeskApiKey(db, { organisationId: entech.id, name: "Entech portal", createdById: null })).key;
  northwindKey = (await createHelpdeskApiKey(db, { organisationId: northwind.id, name: "Northwind app", createdById: null })).key;
});

describe("POST /api/v1/tickets", () => {
  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    const none = await post(validBody);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: "unauthorized", message: expect.any(String), details: null });
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await post(validBody, bearer("sbt_not-a-real-key"))).status).toBe(401);
    expect((await post(validBody, { authorization: entechKey })).status).toBe(401);

    const revoked = await createHelpdeskApiKey(db, { organisationId: entech.id, name: "old", createdById: null });
    await revokeHelpdeskApiKey(db, revoked.id);
    expect((await post(validBody, bearer(revoked.key))).status).toBe(401);
    expect(await db.ticket.count()).toBe(0);
  });

  it("answers 422 naming each bad field, and files nothing", async () => {
    const res = await post({ ...validBody, email: "not-an-email", type: "printer_drama", priority: "whenever", subject: "" }, bearer(entechKey));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; details: Record<string, string[]> };
    expect(body.code).toBe("invalid_input");
    expect(Object.keys(body.details).sort()).toEqual(["email", "priority", "subject", "type"]);
    expect(body.details.type![0]).toMatch(/Unknown ticket type "printer_drama"/);
    expect(body.details.email![0]).toMatch(/not a valid e-mail/);
    expect(body.message).toContain("email:");

    const badJson = await post("{not json", bearer(entechKey));
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: "invalid_json" });

    // Bytes that do not match the declared type are refused after validation, in the same transaction.
    const fake = await post(
      { ...validBody, attachments: [{ filename: "shot.png", contentType: "image/png", data: Buffer.from("MZ not a png").toString("base64") }] },
      bearer(entechKey),
    );
    expect(fake.status).toBe(422);
    expect(await fake.json()).toMatchObject({ code: "invalid_input", details: { "attachments.0": [expect.stringMatching(/does not look like image\/png/)] } });
    expect(await db.ticket.count()).toBe(0);
    expect(await db.ticketMessage.count()).toBe(0);
  });

  it("answers 201 with the number and a follow-up link; the organisation comes from the key, not the body", async () => {
    const res = await post({ ...validBody, organisationId: northwind.id, label: "NORTHAPI" }, bearer(entechKey));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { number: string; followUrl: string; organisation: string; status: string };
    expect(body.number).toMatch(/^TCK-[A-Z0-9]{12}$/);
    expect(body.organisation).toBe("ENTECHAPI");
    expect(body.status).toBe("open");
    expect(body.followUrl).toMatch(/\/t\/[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get("location")).toContain(`/api/v1/tickets/${body.number}`);

    const ticket = await db.ticket.findUniqueOrThrow({ where: { number: body.number }, include: { attachments: true, messages: true } });
    expect(ticket).toMatchObject({
      organisationId: entech.id,
      channel: "api",
      origin: "customer",
      target: "provider",
      reporterEmail: "ada@entech.example",
      priority: "high",
      diagnostics: { appVersion: "4.2.1", browser: "Firefox 140" },
    });
    expect(ticket.attachments).toHaveLength(1);
    expect(Buffer.from(ticket.attachments[0]!.data).toString()).toBe("error: printer offline\n");
    expect(ticket.messages).toHaveLength(1);
    const ack = await db.outboxEmail.findFirst({ where: { to: "ada@entech.example", category: "ticket-ack" } });
    expect(ack?.subject).toContain(body.number);
  });

  it("is idempotent on Idempotency-Key: a retry returns the same ticket, a different body under the key is refused", async () => {
    const before = await db.ticket.count();
    const body = { ...validBody, subject: "Idempotent ticket" };
    const first = await post(body, { ...bearer(entechKey), "Idempotency-Key": "req-123" });
    const second = await post(body, { ...bearer(entechKey), "Idempotency-Key": "req-123" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const a = (await first.json()) as { number: string; followUrl: string };
    const b = (await second.json()) as { number: string; followUrl: string };
    expect(b.number).toBe(a.number);
    expect(b.followUrl).toMatch(/\/t\//);
    expect(await db.ticket.count()).toBe(before + 1);
    expect(await db.outboxEmail.count({ where: { subject: { contains: a.number } } })).toBe(1);

    const conflict = await post({ ...body, subject: "Something else" }, { ...bearer(entechKey), "Idempotency-Key": "req-123" });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: "conflict", details: { "Idempotency-Key": [expect.any(String)] } });

    // Keys are per API key: another organisation may use the same string.
    const other = await post(body, { ...bearer(northwindKey), "Idempotency-Key": "req-123" });
    expect(other.status).toBe(201);
    expect(((await other.json()) as { number: string }).number).not.toBe(a.number);

    // Concurrent duplicates still make one ticket.
    const racing = await Promise.all([1, 2, 3].map(() => post({ ...body, subject: "Racing" }, { ...bearer(entechKey), "Idempotency-Key": "race-1" })));
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201]);
    const numbers = await Promise.all(racing.map(async (r) => ((await r.json()) as { number: string }).number));
    expect(new Set(numbers).size).toBe(1);
    expect(await db.ticket.count({ where: { subject: "Racing" } })).toBe(1);
  });
});

describe("GET /api/v1/tickets", () => {
  it("lists a reporter's tickets within the key's organisation only", async () => {
    const res = await handleListIntakeTickets(new Request(`${URL_BASE}?reporter=ADA@entech.example`, { headers: bearer(entechKey) }));
    expect(res.status).toBe(200);
    const { tickets } = (await res.json()) as { tickets: { number: string }[] };
    expect(tickets.length).toBeGreaterThanOrEqual(3);
    const northwindView = await handleListIntakeTickets(new Request(`${URL_BASE}?reporter=ada@entech.example`, { headers: bearer(northwindKey) }));
    const nw = (await northwindView.json()) as { tickets: { number: string }[] };
    // Northwind sees only the one ticket filed with its own key.
    expect(nw.tickets).toHaveLength(1);
    expect(tickets.map((t) => t.number)).not.toContain(nw.tickets[0]!.number);

    const missing = await handleListIntakeTickets(new Request(URL_BASE, { headers: bearer(entechKey) }));
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ code: "invalid_input", details: { reporter: [expect.any(String)] } });
  });

  it("returns one ticket with public messages only, and 404 for another organisation's number", async () => {
    const ticket = await db.ticket.findFirstOrThrow({ where: { organisationId: entech.id } });
    await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ticket.id, organisationId: entech.id, author: { kind: "agent", name: "Sam" }, body: "NOTE: refund approved internally", visibility: "internal" }),
    );
    const res = await handleGetIntakeTicket(new Request(`${URL_BASE}/${ticket.number}`, { headers: bearer(entechKey) }), ticket.number);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(ticket.number);
    expect(text).not.toContain("refund approved internally");

    const foreign = await handleGetIntakeTicket(new Request(`${URL_BASE}/${ticket.number}`, { headers: bearer(northwindKey) }), ticket.number);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: "not_found" });
    expect((await handleGetIntakeTicket(new Request(`${URL_BASE}/x`), ticket.number)).status).toBe(401);
  });
});
