/**
 * The signer's side of a remote signing request, reached by the e-mailed
 * link (no account). A link works while its request is `sent` and not
 * expired; signing uses it up with a conditional update, so two submissions
 * record one signature.
 */
import crypto from "node:crypto";
import { signatureConfirmationSchema } from "@/lib/validators/applications";
import type { Db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import { recordApplicationEvent } from "./application-facts";
import { applicationConflict, invalidApplicationInput } from "./errors";
import { buildSignedCopy, decodeSignatureImage, type SignatureMark } from "./signed-pdf";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const LINK_INVALID_MESSAGE = "This signing link has already been used, was replaced by a newer one, or has expired.";

export interface SigningLinkView {
  requestId: string;
  tokenHash: string;
  page: number;
  signerName: string;
  relationship: string;
  applicantName: string;
  applicationNumber: string;
  program: string;
  expiresAt: Date;
}

/** The request behind a link while it can still be signed, else null. */
export async function resolveSigningLink(db: Db, token: string, now = new Date()): Promise<SigningLinkView | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const request = await db.applicationSigningRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { application: { select: { applicantName: true, number: true, program: true } } },
  });
  if (!request || request.state !== "sent" || request.expiresAt <= now) return null;
  return {
    requestId: request.id,
    tokenHash: request.tokenHash,
    page: request.page,
    signerName: request.signerName,
    relationship: request.relationship,
    applicantName: request.application.applicantName,
    applicationNumber: request.application.number,
    program: request.application.program,
    expiresAt: request.expiresAt,
  };
}

/** The bytes of the page to sign, for the viewer, while the link is usable. */
export async function signingSourceFor(db: Db, token: string): Promise<{ bytes: Uint8Array; page: number } | null> {
  const view = await resolveSigningLink(db, token);
  if (!view) return null;
  const request = await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: view.requestId }, select: { sourceDocumentId: true } });
  const source = await db.applicationDocument.findUnique({ where: { id: request.sourceDocumentId }, select: { data: true } });
  return source ? { bytes: source.data, page: view.page } : null;
}

export interface CompleteSignatureInput {
  token: string;
  fields: Record<string, unknown>;
  clientAddress: string;
}

/**
 * Validates what the signer sent, stamps the signature onto a copy of the
 * source PDF with a certificate page, and in one transaction uses up the
 * link, stores the signed copy and writes the trail entry. Throws
 * ApplicationError for anything the signer can fix or a dead link.
 */
export async function completeSignature(db: Db, input: CompleteSignatureInput): Promise<{ applicationNumber: string; page: number }> {
  const parsed = signatureConfirmationSchema.safeParse(input.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidApplicationInput(String(issue.path[0] ?? "input"), issue.message);
  }
  const fields = parsed.data;
  let mark: SignatureMark;
  if (fields.signatureKind === "drawn") mark = { kind: "drawn", png: decodeSignatureImage(fields.signatureImage) };
  else if (fields.typedSignature) mark = { kind: "typed", text: fields.typedSignature };
  else throw invalidApplicationInput("typedSignature", "Type your signature");

  const view = await resolveSigningLink(db, input.token);
  if (!view) throw applicationConflict(LINK_INVALID_MESSAGE, "token");
  const request = await db.applicationSigningRequest.findUniqueOrThrow({ where: { id: view.requestId } });
  const source = await db.applicationDocument.findUnique({ where: { id: request.sourceDocumentId } });
  if (!source) throw applicationConflict(LINK_INVALID_MESSAGE, "token");

  const signedAt = new Date();
  const signed = await buildSignedCopy(source.data, mark, {
    applicationNumber: view.applicationNumber,
    page: request.page,
    signerName: fields.signedName,
    signerEmail: request.signerEmail,
    relationship: fields.signedRelationship,
    signedOn: fields.signedOn,
    signedAt,
    clientAddress: input.clientAddress,
    originalSha256: source.sha256,
    requestId: request.id,
  });

  await db.$transaction(async (tx) => {
    // The link is used up here: a second submission, a resend or a revoke in
    // the meantime leaves no row to update and nothing is written.
    const used = await tx.applicationSigningRequest.updateMany({
      where: { id: request.id, tokenHash: view.tokenHash, state: "sent", expiresAt: { gt: signedAt } },
      data: {
        state: "signed",
        signedAt,
        signedName: fields.signedName,
        signedRelationship: fields.signedRelationship,
        signedOn: fields.signedOn,
        signerIp: input.clientAddress,
      },
    });
    if (used.count !== 1) throw applicationConflict(LINK_INVALID_MESSAGE, "token");
    const doc = await tx.applicationDocument.create({
      data: {
        applicationId: request.applicationId,
        organisationId: request.organisationId,
        kind: "signed_copy",
        filename: `${view.applicationNumber}-page-${request.page}-signed.pdf`,
        sizeBytes: signed.bytes.length,
        pageCount: signed.pageCount,
        sha256: crypto.createHash("sha256").update(signed.bytes).digest("hex"),
        data: signed.bytes,
      },
      select: { id: true },
    });
    await tx.applicationSigningRequest.update({ where: { id: request.id }, data: { signedDocumentId: doc.id } });
    await recordApplicationEvent(tx, {
      applicationId: request.applicationId,
      organisationId: request.organisationId,
      kind: "signed",
      headline: `Page ${request.page} signed remotely`,
      detail: `Signed by ${fields.signedName} (${fields.signedRelationship}) on ${fields.signedOn}; certificate page appended`,
      actor: { userId: null, name: fields.signedName },
    });
  });
  return { applicationNumber: view.applicationNumber, page: request.page };
}
