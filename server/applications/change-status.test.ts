import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { changeApplicationStatus } from "./change-status";
import { markApplicationReceived } from "./mark-received";
import { hasSignedPages } from "./signed-pages";
import { LIMITS, STAFF, createTestApplication } from "./testing/application-fixtures";
import { makePdf } from "./testing/pdf-fixtures";

const move = (id: string, to: Parameters<typeof changeApplicationStatus>[1]["to"]) => changeApplicationStatus(db, { id, to, actor: STAFF });

/** Walks a received application to "approved" and tries the case close. */
async function closeCase(id: string) {
  await move(id, "submitted");
  await move(id, "approved");
  return move(id, "closed");
}

/** An application stored the way data from before the bundled flag looks: original + separate file, flag false. */
async function legacyApplication() {
  const app = await createTestApplication();
  const pdf = await makePdf(12);
  for (const kind of ["original", "signed_pages"] as const) {
    await db.applicationDocument.create({
      data: { applicationId: app.id, organisationId: app.org.id, kind, filename: `${kind}.pdf`, sizeBytes: pdf.length, pageCount: 12, sha256: "0".repeat(64), data: Buffer.from(pdf) },
    });
  }
  await db.application.update({ where: { id: app.id }, data: { status: "application_received" } });
  return app;
}

describe("the computed flag", () => {
  const base = { signedPagesInOriginal: false, signaturePages: [11, 12], documentKinds: ["original"], signingRequests: [] };
  const later = new Date(Date.now() + 60_000);
  it("is true when bundled, with a separate file, or with a signed remote request", () => {
    expect(hasSignedPages(base)).toBe(false);
    expect(hasSignedPages({ ...base, signedPagesInOriginal: true })).toBe(true);
    expect(hasSignedPages({ ...base, documentKinds: ["original", "signed_pages"] })).toBe(true);
    expect(hasSignedPages({ ...base, signingRequests: [{ state: "signed", expiresAt: later, page: 11 }] })).toBe(true);
  });
  it("is false for a request only sent or revoked", () => {
    expect(hasSignedPages({ ...base, signingRequests: [{ state: "sent", expiresAt: later, page: 11 }, { state: "revoked", expiresAt: later, page: 11 }] })).toBe(false);
  });
});

describe("downstream gates", () => {
  it("ready for submission passes with the bundled flag alone (no separate file)", async () => {
    const app = await createTestApplication();
    await markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: { filename: "a.pdf", bytes: await makePdf(14) }, signedPages: null, actor: STAFF }, LIMITS);
    await expect(move(app.id, "ready_for_submission")).resolves.toEqual({ status: "ready_for_submission" });
    const trail = await db.applicationEvent.findFirstOrThrow({ where: { applicationId: app.id, kind: "status_changed" } });
    expect(trail.headline).toBe("Status: Application received → Ready for submission");
  });

  it("case close accepts the bundled flag", async () => {
    const app = await createTestApplication();
    await markApplicationReceived(db, { applicationId: app.id, mode: "bundled", original: { filename: "a.pdf", bytes: await makePdf(14) }, signedPages: null, actor: STAFF }, LIMITS);
    await move(app.id, "ready_for_submission");
    await expect(closeCase(app.id)).resolves.toEqual({ status: "closed" });
  });

  it("legacy applications with the separate file (flag never set) keep passing both gates", async () => {
    const app = await legacyApplication();
    await expect(move(app.id, "ready_for_submission")).resolves.toEqual({ status: "ready_for_submission" });
    await expect(closeCase(app.id)).resolves.toEqual({ status: "closed" });
  });

  it("both gates refuse, naming what is missing", async () => {
    const app = await legacyApplication();
    await db.applicationDocument.deleteMany({ where: { applicationId: app.id, kind: "signed_pages" } });
    await expect(move(app.id, "ready_for_submission")).rejects.toThrow(
      "Cannot mark ready for submission: missing signed pages 11 & 12 (bundled in the original, a separate signed-pages file, or a completed remote signature).",
    );
    // Forced past the first gate (as data edited elsewhere could be), the case close still checks.
    await db.application.update({ where: { id: app.id }, data: { status: "denied" } });
    await db.applicationDocument.deleteMany({ where: { applicationId: app.id } });
    await expect(move(app.id, "closed")).rejects.toThrow(/^Cannot close the case: missing the original application PDF and signed pages 11 & 12/);
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("denied");
  });

  it("refuses moves the workflow does not have, and application received outside the wizard", async () => {
    const app = await createTestApplication("assessment_completed");
    await expect(move(app.id, "submitted")).rejects.toThrow('An application in "Assessment completed" cannot move to "Submitted".');
    await expect(move(app.id, "application_received")).rejects.toThrow(/Mark application received/);
    await expect(move(app.id, "waiting_for_application")).resolves.toEqual({ status: "waiting_for_application" });
  });
});
