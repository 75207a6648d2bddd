import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { changeApplicationStatus } from "./change-status";
import { getOrganisationApplication } from "./get-application";
import { markApplicationReceived, REMOTE_REQUEST_MISSING } from "./mark-received";
import { requestSignature } from "./signing-requests";
import { CONFIG, LIMITS, STAFF, createTestApplication, refusal } from "./testing/application-fixtures";
import { makePdf, makePng } from "./testing/pdf-fixtures";

const file = async (pages: number, filename = "application.pdf") => ({ filename, bytes: await makePdf(pages) });

async function snapshot(id: string) {
  const app = await db.application.findUniqueOrThrow({ where: { id } });
  const documents = await db.applicationDocument.findMany({ where: { applicationId: id }, select: { kind: true, filename: true, pageCount: true } });
  const events = await db.applicationEvent.findMany({ where: { applicationId: id, kind: "application_received" } });
  return { app, documents, events };
}


describe("markApplicationReceived", () => {
  it("bundled: one PDF, the flag set, the bundled trail entry with the note", async () => {
    const app = await createTestApplication();
    const result = await markApplicationReceived(
      db,
      { applicationId: app.id, mode: "bundled", original: await file(14), signedPages: null, note: "Scanned at the office", actor: STAFF },
      LIMITS,
    );
    expect(result.pageCount).toBe(14);
    const { app: row, documents, events } = await snapshot(app.id);
    expect(row.status).toBe("application_received");
    expect(row.signedPagesInOriginal).toBe(true);
    expect(row.receivedAt).not.toBeNull();
    expect(documents).toEqual([{ kind: "original", filename: "application.pdf", pageCount: 14 }]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      headline: "Application received — bundled",
      detail: "Pages 11 & 12 included in original PDF",
      note: "Scanned at the office",
      actorName: "Sam Staff",
    });
  });

  it("bundled: a short 4-page PDF is accepted (the page count is the hint)", async () => {
    const app = await createTestApplication();
    const result = await markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: await file(4), signedPages: null, actor: STAFF }, LIMITS);
    expect(result.pageCount).toBe(4);
  });

  it("bundled after uploading a separate file: the discarded file is never written", async () => {
    const app = await createTestApplication();
    await markApplicationReceived(
      db,
      { applicationId: app.id, mode: "bundled", original: await file(14), signedPages: await file(2, "pages-11-12.pdf"), actor: STAFF },
      LIMITS,
    );
    const { documents } = await snapshot(app.id);
    expect(documents.map((d) => d.kind)).toEqual(["original"]);
  });

  it("separate: both files stored, flag false, the separate-files trail entry", async () => {
    const app = await createTestApplication("assessment_completed");
    await markApplicationReceived(
      db,
      { applicationId: app.id, mode: "separate", original: await file(12), signedPages: await file(2, "pages-11-12.pdf"), actor: STAFF },
      LIMITS,
    );
    const { app: row, documents, events } = await snapshot(app.id);
    expect(row.signedPagesInOriginal).toBe(false);
    expect(documents.map((d) => d.kind).sort()).toEqual(["original", "signed_pages"]);
    expect(events[0]).toMatchObject({ headline: "Application received — separate files", detail: "Original + separate signed pages uploaded" });
  });

  it("separate: the signed pages file is required, and nothing is written without it", async () => {
    const app = await createTestApplication();
    const error = await refusal(markApplicationReceived(db, { applicationId: app.id, mode: "separate", original: await file(12), signedPages: null, actor: STAFF }, LIMITS));
    expect(error.field).toBe("signedPages");
    expect(error.message).toMatch(/signed pages file is required in separate mode/);
    const { app: row, documents } = await snapshot(app.id);
    expect(row.status).toBe("waiting_for_application");
    expect(documents).toHaveLength(0);
  });

  it("remote: refused without a sent or signed request", async () => {
    const app = await createTestApplication();
    const error = await refusal(markApplicationReceived(db, { applicationId: app.id, mode: "remote", original: await file(14), signedPages: null, actor: STAFF }, LIMITS));
    expect(error.message).toBe(REMOTE_REQUEST_MISSING);
    expect(error.message).toMatch(/request a remote signature first, or pick another mode/);
    expect((await snapshot(app.id)).documents).toHaveLength(0);
  });

  it("remote: with a sent request, the pending trail entry counts the outstanding requests", async () => {
    const app = await createTestApplication();
    await requestSignature(
      db,
      { applicationId: app.id, page: 11, signerName: "Pat Parent", signerEmail: "pat@example.test", relationship: "Parent", source: await file(14), actor: STAFF },
      CONFIG,
    );
    await markApplicationReceived(db, { applicationId: app.id, mode: "remote", original: await file(14), signedPages: null, actor: STAFF }, LIMITS);
    const { app: row, events } = await snapshot(app.id);
    expect(row.status).toBe("application_received");
    expect(row.signedPagesInOriginal).toBe(false);
    expect(events[0]).toMatchObject({
      headline: "Application received — remote signature pending",
      detail: "Page 11 sent for remote signature (1 request(s) outstanding)",
    });
    // Pending is not signed: the downstream gate still refuses.
    await expect(changeApplicationStatus(db, { id: app.id, to: "ready_for_submission", actor: STAFF })).rejects.toThrow(/missing signed pages 11 & 12/);
  });

  it("status gate: refused from any other status, naming the status, nothing written", async () => {
    const app = await createTestApplication();
    await markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: await file(14), signedPages: null, actor: STAFF }, LIMITS);
    await changeApplicationStatus(db, { id: app.id, to: "ready_for_submission", actor: STAFF });
    const error = await refusal(markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: await file(14), signedPages: null, actor: STAFF }, LIMITS));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe(
      'Can only mark an application received from "Assessment completed" or "Waiting for application"; this one is "Ready for submission".',
    );
    expect((await snapshot(app.id)).documents).toHaveLength(1);
  });

  it("refuses a missing original and a non-PDF original, writing nothing", async () => {
    const app = await createTestApplication();
    expect((await refusal(markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: null, signedPages: null, actor: STAFF }, LIMITS))).field).toBe("original");
    const png = await refusal(
      markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: { filename: "scan.pdf", bytes: makePng() }, signedPages: null, actor: STAFF }, LIMITS),
    );
    expect(png.message).toMatch(/must be a PDF file/);
    const broken = await refusal(
      markApplicationReceived(
        db,
        { applicationId: app.id, mode: "separate", original: await file(12), signedPages: { filename: "p.pdf", bytes: makePng() }, actor: STAFF },
        LIMITS,
      ),
    );
    expect(broken.field).toBe("signedPages");
    const { app: row, documents } = await snapshot(app.id);
    expect(row.status).toBe("waiting_for_application");
    expect(documents).toHaveLength(0);
  });

  it("reopening picks the mode from what the application has", async () => {
    const bundled = await createTestApplication();
    await markApplicationReceived(db, { applicationId: bundled.id, mode: "bundled", original: await file(14), signedPages: null, actor: STAFF }, LIMITS);
    const separate = await createTestApplication();
    await markApplicationReceived(db, { applicationId: separate.id, mode: "separate", original: await file(12), signedPages: await file(2), actor: STAFF }, LIMITS);
    const remote = await createTestApplication();
    await requestSignature(
      db,
      { applicationId: remote.id, page: 11, signerName: "Pat", signerEmail: "pat@example.test", relationship: "Parent", source: await file(14), actor: STAFF },
      CONFIG,
    );
    const fresh = await createTestApplication();
    const modeOf = async (a: { org: { id: string }; number: string }) => (await getOrganisationApplication(db, a.org.id, a.number)).initialIntakeMode;
    expect(await modeOf(bundled)).toBe("bundled");
    expect(await modeOf(separate)).toBe("separate");
    expect(await modeOf(remote)).toBe("remote");
    expect(await modeOf(fresh)).toBe("bundled");
  });
});
