import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestUser } from "@/server/testing/factories";
import { handleInspectPdf, handleMarkReceived, handleRequestSignature } from "./upload-http";
import { CONFIG, createTestApplication } from "./testing/application-fixtures";
import { makeEncryptedPdf, makePdf, makePng } from "./testing/pdf-fixtures";

const ORIGIN = "http://localhost:3000";

function multipart(url: string, parts: Record<string, string | { name: string; bytes: Uint8Array }>, origin: string | null = ORIGIN): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(parts)) {
    if (typeof value === "string") body.set(key, value);
    else body.set(key, new File([Buffer.from(value.bytes)], value.name, { type: "application/pdf" }));
  }
  const headers: Record<string, string> = { host: "localhost:3000" };
  if (origin) headers.origin = origin;
  return new Request(`${ORIGIN}${url}`, { method: "POST", body, headers });
}

describe("the multipart routes", () => {
  it("inspect answers the page count, and a 422 naming the problem for a renamed PNG or an encrypted PDF", async () => {
    const agent = await createTestUser("AGENT");
    const ok = await handleInspectPdf(multipart("/api/applications/inspect", { file: { name: "a.pdf", bytes: await makePdf(4) } }), agent, CONFIG);
    expect(await ok.json()).toMatchObject({ pageCount: 4 });
    const png = await handleInspectPdf(multipart("/api/applications/inspect", { file: { name: "scan.pdf", bytes: makePng() } }), agent, CONFIG);
    expect(png.status).toBe(422);
    expect(await png.json()).toMatchObject({ code: "invalid_input", details: { file: [expect.stringMatching(/must be a PDF file/)] } });
    const encrypted = await handleInspectPdf(multipart("/api/applications/inspect", { file: { name: "e.pdf", bytes: await makeEncryptedPdf() } }), agent, CONFIG);
    expect((await encrypted.json()).message).toMatch(/password-protected/);
    const empty = await handleInspectPdf(multipart("/api/applications/inspect", {}), agent, CONFIG);
    expect((await empty.json()).message).toMatch(/is empty/);
  });

  it("refuses the anonymous, client staff and another site's form", async () => {
    const pdf = { file: { name: "a.pdf", bytes: await makePdf(1) } };
    expect((await handleInspectPdf(multipart("/x", pdf), null, CONFIG)).status).toBe(401);
    expect((await handleInspectPdf(multipart("/x", pdf), await createTestUser("CLIENT_ADMIN"), CONFIG)).status).toBe(403);
    expect((await handleInspectPdf(multipart("/x", pdf, "https://evil.example"), await createTestUser("AGENT"), CONFIG)).status).toBe(403);
  });

  it("refuses an oversized body by its declared length with 413", async () => {
    const request = new Request(`${ORIGIN}/x`, { method: "POST", body: "x", headers: { host: "localhost:3000", origin: ORIGIN, "content-length": String(50 * 1024 * 1024) } });
    expect((await handleInspectPdf(request, await createTestUser("AGENT"), CONFIG)).status).toBe(413);
  });

  it("received: separate mode through the route stores both files; a bad mode is a 422", async () => {
    const agent = await createTestUser("AGENT");
    const app = await createTestApplication();
    const bad = await handleMarkReceived(multipart("/r", { mode: "sideways" }), agent, app.id, db, CONFIG);
    expect(bad.status).toBe(422);
    expect((await bad.json()).details).toHaveProperty("mode");
    const res = await handleMarkReceived(
      multipart("/r", { mode: "separate", note: "by post", original: { name: "o.pdf", bytes: await makePdf(12) }, signedPages: { name: "s.pdf", bytes: await makePdf(2) } }),
      agent,
      app.id,
      db,
      CONFIG,
    );
    expect(res.status).toBe(200);
    expect((await db.applicationDocument.findMany({ where: { applicationId: app.id }, select: { kind: true } })).map((d) => d.kind).sort()).toEqual(["original", "signed_pages"]);
    const again = await handleMarkReceived(multipart("/r", { mode: "bundled", original: { name: "o.pdf", bytes: await makePdf(12) } }), agent, app.id, db, CONFIG);
    expect(again.status).toBe(409);
    expect((await again.json()).message).toMatch(/this one is "Application received"/);
  });

  it("signing request: 201 and an e-mail; a bad address is a 422 naming the field", async () => {
    const agent = await createTestUser("AGENT");
    const app = await createTestApplication();
    const fields = { page: "11", signerName: "Pat", relationship: "Parent", source: { name: "f.pdf", bytes: await makePdf(14) } };
    const bad = await handleRequestSignature(multipart("/s", { ...fields, signerEmail: "not-an-address" }), agent, app.id, db, CONFIG);
    expect(bad.status).toBe(422);
    expect((await bad.json()).details).toHaveProperty("signerEmail");
    const ok = await handleRequestSignature(multipart("/s", { ...fields, signerEmail: "pat@example.test" }), agent, app.id, db, CONFIG);
    expect(ok.status).toBe(201);
    expect(await db.outboxEmail.count({ where: { to: "pat@example.test", category: "application_signing" } })).toBe(1);
  });

  it("an unknown application is a 404", async () => {
    const res = await handleMarkReceived(multipart("/r", { mode: "bundled", original: { name: "o.pdf", bytes: await makePdf(1) } }), await createTestUser("AGENT"), "nope", db, CONFIG);
    expect(res.status).toBe(404);
  });
});
