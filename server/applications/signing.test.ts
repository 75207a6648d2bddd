import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import { changeApplicationStatus } from "./change-status";
import { completeSignature, LINK_INVALID_MESSAGE, resolveSigningLink, signingSourceFor } from "./complete-signature";
import { markApplicationReceived } from "./mark-received";
import { requestSignature, resendSignature, revokeSignature } from "./signing-requests";
import { CONFIG, LIMITS, STAFF, createTestApplication, refusal } from "./testing/application-fixtures";
import { extractPage } from "./signed-pdf";
import { makePdf, makePng, pngDataUrl } from "./testing/pdf-fixtures";
import { pageText } from "./testing/pdf-text";
import { openOutboxEmail } from "@/server/testing/outbox";

async function latestLinkTo(email: string): Promise<string> {
  const row = await db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const mail = await openOutboxEmail(row.id);
  const token = /\/sign\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no signing link in ${mail.text}`);
  return token;
}

async function sentRequest(email = `signer-${Math.random().toString(36).slice(2)}@example.test`) {
  const app = await createTestApplication();
  const source = await makePdf(14);
  const { requestId } = await requestSignature(
    db,
    { applicationId: app.id, page: 11, signerName: "Pat Parent", signerEmail: email, relationship: "Parent", source: { filename: "form.pdf", bytes: source }, actor: STAFF },
    CONFIG,
  );
  return { app, requestId, email, token: await latestLinkTo(email), source };
}

const drawn = { signedName: "Pat Parent", signedRelationship: "Parent", signedOn: "2026-12-05", signatureKind: "drawn", signatureImage: pngDataUrl() };


describe("remote signing", () => {
  it("e-mails a single-use link whose token is stored only as a hash", async () => {
    const { requestId, token, email } = await sentRequest();
    const row = await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toMatch(/^Please sign page 11 of application APP-/);
    expect((await resolveSigningLink(db, token))?.page).toBe(11);
  });

  it("serves the page to sign as a one-page PDF", async () => {
    const { token } = await sentRequest();
    const page = await signingSourceFor(db, token);
    expect(page?.page).toBe(11);
    const single = await PDFDocument.load(await extractPage(page!.bytes, page!.page));
    expect(single.getPageCount()).toBe(1);
    expect(pageText(single, single.getPage(0))).toContain("page 11 of 14");
  });

  it("stamps a drawn signature on a copy, appends the certificate page, and marks the request signed", async () => {
    const { app, requestId, token, source } = await sentRequest();
    await completeSignature(db, { token, fields: drawn, clientAddress: "203.0.113.7" });

    const request = await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ state: "signed", signedName: "Pat Parent", signedRelationship: "Parent", signedOn: "2026-12-05", signerIp: "203.0.113.7" });
    const signedDoc = await db.applicationDocument.findUniqueOrThrow({ where: { id: request.signedDocumentId! } });
    expect(signedDoc.kind).toBe("signed_copy");
    const signed = await PDFDocument.load(signedDoc.data);
    expect(signed.getPageCount()).toBe(15);
    const certificate = pageText(signed, signed.getPage(14));
    expect(certificate).toContain("Signature certificate");
    expect(certificate).toContain("Pat Parent");
    expect(certificate).toContain("203.0.113.7");
    const sourceDoc = await db.applicationDocument.findUniqueOrThrow({ where: { id: request.sourceDocumentId } });
    expect(certificate).toContain(sourceDoc.sha256);
    expect(pageText(signed, signed.getPage(10))).toContain("Pat Parent (Parent), 2026-12-05");
    // The stored source is untouched.
    expect(Buffer.from(sourceDoc.data).equals(Buffer.from(source))).toBe(true);

    const trail = await db.applicationEvent.findFirstOrThrow({ where: { applicationId: app.id, kind: "signed" } });
    expect(trail.headline).toBe("Page 11 signed remotely");

    // A signed request satisfies the computed flag and so the gate.
    await markApplicationReceived(db, { applicationId: app.id, mode: "remote", original: { filename: "a.pdf", bytes: await makePdf(14) }, signedPages: null, actor: STAFF }, LIMITS);
    await expect(changeApplicationStatus(db, { id: app.id, to: "ready_for_submission", actor: STAFF })).resolves.toEqual({ status: "ready_for_submission" });
  });

  it("accepts a typed signature", async () => {
    const { token, requestId } = await sentRequest();
    await completeSignature(db, { token, fields: { ...drawn, signatureKind: "typed", signatureImage: undefined, typedSignature: "Pat Parent" }, clientAddress: "unknown" });
    expect((await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("signed");
  });

  it("refuses a reused link, and a second submission writes nothing", async () => {
    const { token, app } = await sentRequest();
    await completeSignature(db, { token, fields: drawn, clientAddress: "x" });
    const error = await refusal(completeSignature(db, { token, fields: drawn, clientAddress: "x" }));
    expect(error.message).toBe(LINK_INVALID_MESSAGE);
    expect(await db.applicationDocument.count({ where: { applicationId: app.id, kind: "signed_copy" } })).toBe(1);
  });

  it("refuses an expired link", async () => {
    const { token, requestId } = await sentRequest();
    await db.applicationSigningRequest.update({ where: { id: requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSigningLink(db, token)).toBeNull();
    expect((await refusal(completeSignature(db, { token, fields: drawn, clientAddress: "x" }))).message).toBe(LINK_INVALID_MESSAGE);
    expect((await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("sent");
  });

  it("refuses a signature image that is not an image, writing nothing", async () => {
    const { token, requestId, app } = await sentRequest();
    const pdfAsImage = `data:image/png;base64,${Buffer.from(await makePdf(1)).toString("base64")}`;
    for (const signatureImage of [pdfAsImage, "data:text/html;base64,PGI+aGk8L2I+", "not a data url"]) {
      const error = await refusal(completeSignature(db, { token, fields: { ...drawn, signatureImage }, clientAddress: "x" }));
      expect(error.field).toBe("signatureImage");
      expect(error.message).toMatch(/must be an image/);
    }
    // PNG magic followed by garbage: decoding fails inside the PDF library.
    const fake = Buffer.concat([Buffer.from(makePng()).subarray(0, 8), Buffer.from("garbage")]);
    expect((await refusal(completeSignature(db, { token, fields: { ...drawn, signatureImage: `data:image/png;base64,${fake.toString("base64")}` }, clientAddress: "x" }))).field).toBe("signatureImage");
    expect((await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("sent");
    expect(await db.applicationDocument.count({ where: { applicationId: app.id, kind: "signed_copy" } })).toBe(0);
  });

  it("refuses missing confirmation fields with the field named", async () => {
    const { token } = await sentRequest();
    const error = await refusal(completeSignature(db, { token, fields: { ...drawn, signedOn: "yesterday" }, clientAddress: "x" }));
    expect(error.field).toBe("signedOn");
  });

  it("resend replaces the link: the old one stops working, the new one signs", async () => {
    const { token: first, requestId, email, app } = await sentRequest();
    await resendSignature(db, { requestId, actor: STAFF }, CONFIG);
    const second = await latestLinkTo(email);
    expect(second).not.toBe(first);
    expect(await resolveSigningLink(db, first)).toBeNull();
    await completeSignature(db, { token: second, fields: drawn, clientAddress: "x" });
    expect(await db.applicationEvent.count({ where: { applicationId: app.id, kind: "signing_resent" } })).toBe(1);
  });

  it("revoke kills the link, and a revoked or signed request cannot be resent", async () => {
    const { token, requestId } = await sentRequest();
    await revokeSignature(db, { requestId, actor: STAFF });
    expect(await resolveSigningLink(db, token)).toBeNull();
    await expect(resendSignature(db, { requestId, actor: STAFF }, CONFIG)).rejects.toThrow("This request is revoked; it cannot be resent.");
  });

  it("refuses a page the PDF does not have, and a request without any PDF", async () => {
    const app = await createTestApplication();
    const base = { applicationId: app.id, signerName: "P", signerEmail: "p@example.test", relationship: "Parent", actor: STAFF };
    expect((await refusal(requestSignature(db, { ...base, page: 11, source: { filename: "f.pdf", bytes: await makePdf(4) } }, CONFIG))).field).toBe("page");
    expect((await refusal(requestSignature(db, { ...base, page: 11, source: null }, CONFIG))).field).toBe("source");
    expect(await db.applicationSigningRequest.count({ where: { applicationId: app.id } })).toBe(0);
  });
});
