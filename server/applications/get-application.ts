import type { DbOrTx } from "@/server/db";
import { applicationNotFound } from "./errors";
import { hasOriginal, hasSignedPages, initialIntakeMode, missingDocuments } from "./signed-pages";

const DOCUMENT_SELECT = { id: true, kind: true, filename: true, sizeBytes: true, pageCount: true, sha256: true, createdAt: true } as const;

/** Displayed state of a request: an unsigned link past its expiry reads "expired". */
export function signingDisplayState(r: { state: string; expiresAt: Date }, now = new Date()): "sent" | "signed" | "revoked" | "expired" {
  if (r.state === "sent" && r.expiresAt <= now) return "expired";
  return r.state as "sent" | "signed" | "revoked";
}

async function loadApplication(db: DbOrTx, where: { number: string; organisationId?: string }) {
  const app = await db.application.findFirst({
    where,
    include: {
      documents: { select: DOCUMENT_SELECT, orderBy: { createdAt: "desc" } },
      events: { orderBy: { createdAt: "desc" }, take: 200 },
      signingRequests: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!app) throw applicationNotFound();
  const organisation = await db.organisation.findUnique({ where: { id: app.organisationId }, select: { label: true, name: true } });
  const facts = {
    signedPagesInOriginal: app.signedPagesInOriginal,
    signaturePages: app.signaturePages,
    documentKinds: app.documents.map((d) => d.kind),
    signingRequests: app.signingRequests,
  };
  return {
    id: app.id,
    number: app.number,
    organisationId: app.organisationId,
    organisationLabel: organisation?.label ?? "",
    organisationName: organisation?.name ?? "",
    applicantName: app.applicantName,
    program: app.program,
    reference: app.reference,
    status: app.status,
    signaturePages: app.signaturePages,
    formPageCount: app.formPageCount,
    signedPagesInOriginal: app.signedPagesInOriginal,
    ticketNumber: app.ticketNumber,
    receivedAt: app.receivedAt,
    createdAt: app.createdAt,
    hasOriginal: hasOriginal(facts),
    hasSignedPages: hasSignedPages(facts),
    missingDocuments: missingDocuments(facts),
    initialIntakeMode: initialIntakeMode(facts),
    documents: app.documents,
    events: app.events.map((e) => ({ id: e.id, kind: e.kind, headline: e.headline, detail: e.detail, note: e.note, actorName: e.actorName, createdAt: e.createdAt })),
    signingRequests: app.signingRequests.map((r) => ({
      id: r.id,
      page: r.page,
      signerName: r.signerName,
      signerEmail: r.signerEmail,
      relationship: r.relationship,
      state: signingDisplayState(r),
      sentAt: r.sentAt,
      expiresAt: r.expiresAt,
      signedAt: r.signedAt,
      signedDocumentId: r.signedDocumentId,
    })),
  };
}

export type ApplicationDetail = Awaited<ReturnType<typeof loadApplication>>;

/** Console detail (provider staff, any client organisation). */
export function unsafeGetConsoleApplication(db: DbOrTx, number: string): Promise<ApplicationDetail> {
  return loadApplication(db, { number });
}

/** My Tickets detail: only within the caller's organisation. */
export function getOrganisationApplication(db: DbOrTx, organisationId: string, number: string): Promise<ApplicationDetail> {
  return loadApplication(db, { number, organisationId });
}

/** A stored document's bytes: for provider staff any, for client staff only their organisation's. */
export async function getApplicationDocument(db: DbOrTx, id: string, scope: { organisationId: string | null }) {
  return db.applicationDocument.findFirst({
    where: { id, ...(scope.organisationId ? { organisationId: scope.organisationId } : {}) },
    select: { filename: true, contentType: true, sizeBytes: true, data: true },
  });
}
