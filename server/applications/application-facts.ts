import type { DbOrTx } from "@/server/db";
import type { SignedPagesFacts } from "./signed-pages";

/** Who did something, for the trail. */
export interface ApplicationActor {
  userId: string | null;
  name: string;
}

/**
 * Locks the application row for the rest of the transaction and returns it,
 * or null. Intake, status moves and signing all take this lock first, so two
 * of them never interleave on one application.
 */
export async function lockApplication(tx: DbOrTx, id: string) {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Application" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.application.findUnique({ where: { id } });
}

/** The facts the computed "has signed pages" reads (document kinds without their bytes). */
export async function loadSignedPagesFacts(
  tx: DbOrTx,
  application: { id: string; signedPagesInOriginal: boolean; signaturePages: number[] },
): Promise<SignedPagesFacts> {
  const [documents, signingRequests] = await Promise.all([
    tx.applicationDocument.findMany({ where: { applicationId: application.id }, select: { kind: true } }),
    tx.applicationSigningRequest.findMany({ where: { applicationId: application.id }, select: { state: true, expiresAt: true, page: true } }),
  ]);
  return {
    signedPagesInOriginal: application.signedPagesInOriginal,
    signaturePages: application.signaturePages,
    documentKinds: documents.map((d) => d.kind),
    signingRequests,
  };
}

export async function recordApplicationEvent(
  tx: DbOrTx,
  input: { applicationId: string; organisationId: string; kind: string; headline: string; detail?: string | null; note?: string | null; actor: ApplicationActor },
): Promise<void> {
  await tx.applicationEvent.create({
    data: {
      applicationId: input.applicationId,
      organisationId: input.organisationId,
      kind: input.kind,
      headline: input.headline,
      detail: input.detail ?? null,
      note: input.note ?? null,
      actorUserId: input.actor.userId,
      actorName: input.actor.name,
    },
  });
}
