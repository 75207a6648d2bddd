import {
  APPLICATION_STATUS_LABELS,
  RECEIVABLE_STATUSES,
  formatPages,
  type IntakeMode,
} from "@/lib/applications/application-status";
import type { Db } from "@/server/db";
import { lockApplication, loadSignedPagesFacts, recordApplicationEvent, type ApplicationActor } from "./application-facts";
import { applicationConflict, applicationNotFound, invalidApplicationInput } from "./errors";
import { inspectPdf, type InspectedPdf } from "./inspect-pdf";
import { isLiveOrSignedRequest } from "./signed-pages";

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

export interface MarkReceivedInput {
  applicationId: string;
  mode: IntakeMode;
  original: UploadedFile | null;
  /** Read only in separate mode; in any other mode it is discarded unread. */
  signedPages: UploadedFile | null;
  note?: string;
  actor: ApplicationActor;
}

export const REMOTE_REQUEST_MISSING =
  "Remote mode needs a signing request that has been sent or signed: request a remote signature first, or pick another mode.";

function statusGateMessage(status: keyof typeof APPLICATION_STATUS_LABELS): string {
  return `Can only mark an application received from "Assessment completed" or "Waiting for application"; this one is "${APPLICATION_STATUS_LABELS[status]}".`;
}

/** The trail's headline and detail for each mode (the seed's table). */
export function intakeTrailText(
  mode: IntakeMode,
  pages: readonly number[],
  outstanding: ReadonlyArray<{ page: number }>,
): { headline: string; detail: string } {
  const label = formatPages(pages);
  switch (mode) {
    case "bundled":
      return { headline: "Application received — bundled", detail: `${label} included in original PDF` };
    case "separate":
      return { headline: "Application received — separate files", detail: "Original + separate signed pages uploaded" };
    case "remote":
      return {
        headline: "Application received — remote signature pending",
        detail: `${formatPages([...new Set(outstanding.map((r) => r.page))].sort((a, b) => a - b))} sent for remote signature (${outstanding.length} request(s) outstanding)`,
      };
  }
}

/**
 * The wizard's confirm: checks the status gate and the PDFs, then writes the
 * status, the files, the bundled flag and one mode-aware trail entry in one
 * transaction. Nothing is written when any check fails.
 */
export async function markApplicationReceived(db: Db, input: MarkReceivedInput, opts: { maxPdfBytes: number }): Promise<{ pageCount: number }> {
  const before = await db.application.findUnique({ where: { id: input.applicationId }, select: { status: true } });
  if (!before) throw applicationNotFound();
  if (!RECEIVABLE_STATUSES.includes(before.status)) throw applicationConflict(statusGateMessage(before.status), "status");

  if (!input.original) throw invalidApplicationInput("original", "Please upload the original application PDF.");
  const original = await inspectPdf(input.original.bytes, { field: "original", label: "The original application", maxBytes: opts.maxPdfBytes });
  let separate: InspectedPdf | null = null;
  if (input.mode === "separate" && input.signedPages) {
    separate = await inspectPdf(input.signedPages.bytes, { field: "signedPages", label: "The signed pages file", maxBytes: opts.maxPdfBytes });
  }

  await db.$transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!app) throw applicationNotFound();
    // Checked again under the lock: another confirm may have won meanwhile.
    if (!RECEIVABLE_STATUSES.includes(app.status)) throw applicationConflict(statusGateMessage(app.status), "status");
    const facts = await loadSignedPagesFacts(tx, app);
    if (input.mode === "separate" && !separate && !facts.documentKinds.includes("signed_pages")) {
      throw invalidApplicationInput("signedPages", `The signed pages file is required in separate mode (${formatPages(app.signaturePages)}).`);
    }
    const outstanding = facts.signingRequests.filter((r) => isLiveOrSignedRequest(r));
    if (input.mode === "remote" && outstanding.length === 0) throw applicationConflict(REMOTE_REQUEST_MISSING, "mode");

    const store = (kind: "original" | "signed_pages", file: UploadedFile, pdf: InspectedPdf) =>
      tx.applicationDocument.create({
        data: {
          applicationId: app.id,
          organisationId: app.organisationId,
          kind,
          filename: file.filename,
          sizeBytes: pdf.bytes.length,
          pageCount: pdf.pageCount,
          sha256: pdf.sha256,
          data: pdf.bytes,
          uploadedById: input.actor.userId,
        },
      });
    await store("original", input.original!, original);
    if (separate) await store("signed_pages", input.signedPages!, separate);

    await tx.application.update({
      where: { id: app.id },
      data: { status: "application_received", signedPagesInOriginal: input.mode === "bundled", receivedAt: new Date() },
    });
    await recordApplicationEvent(tx, {
      applicationId: app.id,
      organisationId: app.organisationId,
      kind: "application_received",
      ...intakeTrailText(input.mode, app.signaturePages, outstanding),
      note: input.note,
      actor: input.actor,
    });
  });
  return { pageCount: original.pageCount };
}
