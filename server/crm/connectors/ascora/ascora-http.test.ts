import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ASCORA_ACCOUNT, startFakeAscora, type FakeAscoraHandle } from "@/e2e/fakes/ascora/fake-ascora-server";
import { ConnectorError } from "../../connector";
import type { RemoteCallEvent } from "../../connector-registry";
import { fetchInvoiceDetails, fetchPayments, markInvoices, parseAscoraDate } from "./ascora-accounting-api";
import { parseRetryAfter } from "../connector-http";
import { AscoraHttp } from "./ascora-http";

let fake: FakeAscoraHandle;
let calls: RemoteCallEvent[];
beforeEach(async () => {
  fake = await startFakeAscora();
  calls = [];
});
afterEach(async () => {
  await fake.close();
});

function client(opts: { password?: string; timeoutMs?: number } = {}) {
  return new AscoraHttp({
    baseUrl: fake.url,
    username: FAKE_ASCORA_ACCOUNT.username,
    password: opts.password ?? FAKE_ASCORA_ACCOUNT.password,
    timeoutMs: opts.timeoutMs ?? 2_000,
    onCall: (e) => calls.push(e),
    fetch,
  });
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

describe("AscoraHttp", () => {
  it("sends Basic auth and parses the JSON answer; the call is logged without parameters", async () => {
    fake.state.seedInvoice({ Id: "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11", InvoiceDate: "2026-11-30T00:00:00Z" });
    const rows = await fetchInvoiceDetails(client(), new Date("2026-12-01T00:00:00Z"));
    expect(rows).toHaveLength(1);
    expect(calls).toEqual([expect.objectContaining({ operation: "invoicedetails", ok: true, httpStatus: 200 })]);
  });

  it("maps a wrong password (401) to auth, not retryable", async () => {
    const e = await failure(fetchPayments(client({ password: "wrong" })));
    expect(e.kind).toBe("auth");
    expect(e.retryable).toBe(false);
    expect(e.message).not.toContain("wrong");
    expect(calls[0]).toMatchObject({ ok: false, httpStatus: 401 });
  });

  it("maps 429 to rate_limited with Retry-After in ms", async () => {
    fake.setFault({ type: "rate_limit", retryAfterSeconds: 12, times: 1 });
    const e = await failure(fetchPayments(client()));
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterMs).toBe(12_000);
    expect(e.retryable).toBe(true);
  });

  it("maps 5xx to transient", async () => {
    fake.setFault({ type: "http_500", times: 1 });
    const e = await failure(fetchPayments(client()));
    expect(e.kind).toBe("transient");
    expect(e.httpStatus).toBe(500);
  });

  it("maps no answer in time to timeout (the write may have happened: the fake marked it)", async () => {
    const id = "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11";
    fake.state.seedInvoice({ Id: id, InvoiceDate: "2026-11-30T00:00:00Z" });
    fake.setFault({ type: "timeout_after_success", path: "/MarkInvoice", delayMs: 5_000, times: 1 });
    const e = await failure(markInvoices(client({ timeoutMs: 300 }), [id]));
    expect(e.kind).toBe("timeout");
    expect(fake.state.invoices.get(id)!.marked).toBe(true);
  });

  it("maps 400 to validation with Ascora's message, and 404 to not_found", async () => {
    const http = client();
    const bad = await failure(http.request({ operation: "MarkInvoice", method: "POST", path: "/MarkInvoice", body: { InvoiceIds: ["x"] } }));
    expect(bad.kind).toBe("validation");
    expect(bad.message).toContain("InvoiceIds must be a list of Guids");
    expect((await failure(http.request({ operation: "nothing", path: "/nothing" }))).kind).toBe("not_found");
  });

  it("maps a refused connection to transient", async () => {
    const url = fake.url;
    await fake.close();
    const http = new AscoraHttp({ baseUrl: url, username: "u", password: "p", fetch, timeoutMs: 2_000 });
    expect((await failure(http.request({ operation: "payments", path: "/payments" }))).kind).toBe("transient");
    fake = await startFakeAscora();
  });

  it("refuses a loopback address through the guarded fetch unless loopback is allowed", async () => {
    const prev = process.env.CRM_ALLOW_LOOPBACK;
    process.env.CRM_ALLOW_LOOPBACK = "false";
    try {
      const http = new AscoraHttp({ baseUrl: fake.url, username: FAKE_ASCORA_ACCOUNT.username, password: FAKE_ASCORA_ACCOUNT.password });
      const e = await failure(http.request({ operation: "payments", path: "/payments" }));
      expect(fake.state.calls).toHaveLength(0);
      expect(e.kind).toBe("transient");
    } finally {
      if (prev === undefined) delete process.env.CRM_ALLOW_LOOPBACK;
      else process.env.CRM_ALLOW_LOOPBACK = prev;
    }
  });
});

describe("Ascora dates and Retry-After", () => {
  it("reads ISO 8601 and ServiceStack's /Date(ms)/ form; refuses garbage", () => {
    expect(parseAscoraDate("2026-11-30T00:00:00Z")?.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(parseAscoraDate("/Date(1796083200000-0000)/")?.getTime()).toBe(1796083200000);
    expect(parseAscoraDate("not a date")).toBeNull();
    expect(parseAscoraDate(42)).toBeNull();
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
