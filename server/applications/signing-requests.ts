/**
 * Remote signing requests, staff side: send, resend and revoke. A link token
 * is 256 random bits; only its SHA-256 is stored. Resending issues a new
 * token (the old link dies) and a new expiry; the e-mail is queued in the
 * same transaction and dispatched by the caller after commit.
 */
import type { Db, DbOrTx } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { generateToken, hashToken } from "@/server/security/tokens";
import type { RequestSignatureFields } from "@/lib/validators/applications";
import { lockApplication, recordApplicationEvent, type ApplicationActor } from "./application-facts";
import type { ApplicationsConfig } from "./applications-env";
import { applicationConflict, applicationNotFound, invalidApplicationInput } from "./errors";
import { inspectPdf } from "./inspect-pdf";
import type { UploadedFile } from "./mark-received";
import { renderSigningEmail } from "./signing-email";

const DAY_MS = 24 * 60 * 60 * 1000;

export function signingUrl(appUrl: string, token: string): string {
  return `${appUrl}/sign/${token}`;
}

async function queueSigningEmail(
  tx: DbOrTx,
  config: ApplicationsConfig,
  request: { signerName: string; signerEmail: string; page: number; expiresAt: Date },
  application: { applicantName: string; number: string },
  token: string,
): Promise<string> {
  const mail = renderSigningEmail({
    signerName: request.signerName,
    applicantName: application.applicantName,
    applicationNumber: application.number,
    page: request.page,
    url: signingUrl(config.appUrl, token),
    expiresAt: request.expiresAt,
  });
  return enqueueEmail(tx, { to: request.signerEmail, ...mail, category: "application_signing" });
}

/**
 * Sends a signing request for one page. The PDF to sign is `source` when
 * given (checked like any upload), else the application's newest original.
 */
export async function requestSignature(
  db: Db,
  input: RequestSignatureFields & { applicationId: string; source: UploadedFile | null; actor: ApplicationActor },
  config: ApplicationsConfig,
): Promise<{ requestId: string; emailId: string }> {
  const source = input.source
    ? await inspectPdf(input.source.bytes, { field: "source", label: "The PDF to sign", maxBytes: config.maxPdfBytes })
    : null;
  return db.$transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!app) throw applicationNotFound();
    if (["closed", "approved", "denied", "submitted"].includes(app.status)) {
      throw applicationConflict("This application is past intake; signatures can no longer be requested.");
    }
    let sourceDoc: { id: string; pageCount: number } | null;
    if (source) {
      sourceDoc = await tx.applicationDocument.create({
        data: {
          applicationId: app.id,
          organisationId: app.organisationId,
          kind: "signing_source",
          filename: input.source!.filename,
          sizeBytes: source.bytes.length,
          pageCount: source.pageCount,
          sha256: source.sha256,
          data: source.bytes,
          uploadedById: input.actor.userId,
        },
        select: { id: true, pageCount: true },
      });
    } else {
      sourceDoc = await tx.applicationDocument.findFirst({
        where: { applicationId: app.id, kind: "original" },
        orderBy: { createdAt: "desc" },
        select: { id: true, pageCount: true },
      });
      if (!sourceDoc) throw invalidApplicationInput("source", "Attach the application PDF to sign (this application has no original yet).");
    }
    if (input.page > sourceDoc.pageCount) {
      throw invalidApplicationInput("page", `The PDF has ${sourceDoc.pageCount} page(s); there is no page ${input.page} to sign.`);
    }
    const token = generateToken();
    const expiresAt = new Date(Date.now() + config.signingLinkTtlDays * DAY_MS);
    const request = await tx.applicationSigningRequest.create({
      data: {
        applicationId: app.id,
        organisationId: app.organisationId,
        page: input.page,
        signerName: input.signerName,
        signerEmail: input.signerEmail,
        relationship: input.relationship,
        tokenHash: hashToken(token),
        expiresAt,
        sourceDocumentId: sourceDoc.id,
        sentAt: new Date(),
        requestedById: input.actor.userId,
        requestedByName: input.actor.name,
      },
    });
    await recordApplicationEvent(tx, {
      applicationId: app.id,
      organisationId: app.organisationId,
      kind: "signing_requested",
      headline: `Remote signature requested for page ${input.page}`,
      detail: `Sent to ${input.signerName} (${input.relationship}) <${input.signerEmail}>`,
      actor: input.actor,
    });
    const emailId = await queueSigningEmail(tx, config, request, app, token);
    return { requestId: request.id, emailId };
  });
}

/** Loads a request and its application under the application's lock. */
async function lockRequest(tx: DbOrTx, requestId: string) {
  const found = await tx.applicationSigningRequest.findUnique({ where: { id: requestId }, select: { applicationId: true } });
  if (!found) throw invalidApplicationInput("requestId", "Signing request not found");
  const app = await lockApplication(tx, found.applicationId);
  const request = await tx.applicationSigningRequest.findUnique({ where: { id: requestId } });
  if (!app || !request) throw invalidApplicationInput("requestId", "Signing request not found");
  return { app, request };
}

/** A new link (the old one stops working) and a fresh expiry; only for requests not signed or revoked. */
export async function resendSignature(
  db: Db,
  input: { requestId: string; actor: ApplicationActor },
  config: ApplicationsConfig,
): Promise<{ emailId: string }> {
  return db.$transaction(async (tx) => {
    const { app, request } = await lockRequest(tx, input.requestId);
    if (request.state !== "sent") throw applicationConflict(`This request is ${request.state}; it cannot be resent.`);
    const token = generateToken();
    const expiresAt = new Date(Date.now() + config.signingLinkTtlDays * DAY_MS);
    await tx.applicationSigningRequest.update({ where: { id: request.id }, data: { tokenHash: hashToken(token), expiresAt, sentAt: new Date() } });
    await recordApplicationEvent(tx, {
      applicationId: app.id,
      organisationId: app.organisationId,
      kind: "signing_resent",
      headline: `Signing link for page ${request.page} resent`,
      detail: `New link sent to ${request.signerEmail}; the previous link no longer works`,
      actor: input.actor,
    });
    return { emailId: await queueSigningEmail(tx, config, { ...request, expiresAt }, app, token) };
  });
}

export async function revokeSignature(db: Db, input: { requestId: string; actor: ApplicationActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { app, request } = await lockRequest(tx, input.requestId);
    if (request.state !== "sent") throw applicationConflict(`This request is ${request.state}; only a sent request can be revoked.`);
    await tx.applicationSigningRequest.update({ where: { id: request.id }, data: { state: "revoked", revokedAt: new Date() } });
    await recordApplicationEvent(tx, {
      applicationId: app.id,
      organisationId: app.organisationId,
      kind: "signing_revoked",
      headline: `Signing request for page ${request.page} revoked`,
      detail: `The link sent to ${request.signerEmail} no longer works`,
      actor: input.actor,
    });
  });
}
