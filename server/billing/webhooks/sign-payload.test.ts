import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeSignature, SIGNATURE_HEADER, signPayload, verifySignature } from "./sign-payload";

const SECRET = "whsec_switchboard_test_secret";
const NOW = 1_795_000_000;

describe("signPayload / verifySignature", () => {
  const body = JSON.stringify({ id: "evt_1", type: "invoice.payment_failed", data: { amount: "113.00" } });

  it("formats the header as t=<unix>,v1=<hex> and round-trips", () => {
    const signed = signPayload(body, SECRET, NOW);
    expect(signed.header).toMatch(/^t=1795000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(body, signed.header, SECRET, 300, NOW + 10)).toEqual({ ok: true, timestamp: NOW });
  });

  it("signs the exact bytes: a Buffer of the same body verifies, a re-serialised body does not", () => {
    const signed = signPayload(Buffer.from(body), SECRET, NOW);
    expect(verifySignature(body, signed.header, SECRET, 300, NOW).ok).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(verifySignature(reserialised, signed.header, SECRET, 300, NOW)).toMatchObject({ reason: "signature_mismatch" });
  });

  it("rejects a tampered body, a wrong secret and a stale or future timestamp", () => {
    const { header } = signPayload(body, SECRET, NOW);
    expect(verifySignature(body.replace("113.00", "0.00"), header, SECRET, 300, NOW)).toMatchObject({
      ok: false,
      reason: "signature_mismatch",
    });
    expect(verifySignature(body, header, "whsec_other", 300, NOW)).toMatchObject({ ok: false, reason: "signature_mismatch" });
    expect(verifySignature(body, header, SECRET, 300, NOW + 301)).toMatchObject({
      ok: false,
      reason: "timestamp_out_of_tolerance",
    });
    expect(verifySignature(body, header, SECRET, 300, NOW - 301)).toMatchObject({ reason: "timestamp_out_of_tolerance" });
    expect(verifySignature(body, header, SECRET, 0, NOW + 86_400).ok).toBe(true);
  });

  it("rejects a replayed signature moved onto a new timestamp", () => {
    const { signature } = signPayload(body, SECRET, NOW);
    expect(verifySignature(body, `t=${NOW + 60},v1=${signature}`, SECRET, 300, NOW + 60).ok).toBe(false);
  });

  it("rejects malformed headers and accepts any matching v1 (secret rotation)", () => {
    expect(verifySignature(body, undefined, SECRET)).toMatchObject({ reason: "malformed_header" });
    expect(verifySignature(body, "v1=abc", SECRET)).toMatchObject({ reason: "malformed_header" });
    expect(verifySignature(body, `t=${NOW}`, SECRET, 300, NOW)).toMatchObject({ reason: "no_signature" });
    const oldSig = computeSignature(body, "whsec_old", NOW);
    const newSig = computeSignature(body, SECRET, NOW);
    expect(verifySignature(body, `t=${NOW},v1=${oldSig},v1=${newSig}`, SECRET, 300, NOW).ok).toBe(true);
  });
});

describe("a receiver verifies a delivery over HTTP", () => {
  let server: http.Server;
  let url = "";
  const verdicts: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const check = verifySignature(raw, req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, SECRET);
        verdicts.push(check.ok ? "ok" : check.reason);
        res.writeHead(check.ok ? 200 : 400).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("accepts the signed bytes and refuses them under another secret", async () => {
    const body = JSON.stringify({ id: "evt_2", type: "invoice.created", note: "café ✓" });
    const good = signPayload(body, SECRET);
    const ok = await fetch(url, { method: "POST", body, headers: { [SIGNATURE_HEADER]: good.header } });
    const bad = signPayload(body, "whsec_wrong");
    const refused = await fetch(url, { method: "POST", body, headers: { [SIGNATURE_HEADER]: bad.header } });
    expect([ok.status, refused.status]).toEqual([200, 400]);
    expect(verdicts).toEqual(["ok", "signature_mismatch"]);
  });
});
