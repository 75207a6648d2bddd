/**
 * A client organisation's owner: the person who approves work. Kept on the
 * Organisation row (ownerName, ownerEmail); edited by that organisation's
 * client admin in My Tickets or by a provider admin in the console.
 */
import type { OwnerContactInput } from "@/lib/validators/approvals";
import type { DbOrTx } from "@/server/db";
import { ApprovalError } from "./errors";

export interface OwnerContact {
  organisationId: string;
  organisationLabel: string;
  organisationName: string;
  ownerName: string | null;
  ownerEmail: string | null;
  /** Both name and e-mail are set: approval can be requested. */
  configured: boolean;
}

function toContact(org: { id: string; label: string; name: string; ownerName: string | null; ownerEmail: string | null }): OwnerContact {
  const ownerName = org.ownerName?.trim() || null;
  const ownerEmail = org.ownerEmail?.trim() || null;
  return {
    organisationId: org.id,
    organisationLabel: org.label,
    organisationName: org.name,
    ownerName,
    ownerEmail,
    configured: Boolean(ownerName && ownerEmail),
  };
}

const CONTACT_SELECT = { id: true, label: true, name: true, kind: true, ownerName: true, ownerEmail: true } as const;

/** The owner contact of one client organisation; throws not_found for unknown or provider organisations. */
export async function getOwnerContactOrThrow(db: DbOrTx, organisationId: string): Promise<OwnerContact> {
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: CONTACT_SELECT });
  if (!org || org.kind !== "CLIENT") throw new ApprovalError("not_found", "Client organisation not found");
  return toContact(org);
}

/** Saves (or, with both fields blank, clears) the owner contact of a client organisation. */
export async function updateOwnerContact(db: DbOrTx, organisationId: string, input: OwnerContactInput): Promise<OwnerContact> {
  await getOwnerContactOrThrow(db, organisationId);
  const org = await db.organisation.update({
    where: { id: organisationId },
    data: { ownerName: input.ownerName || null, ownerEmail: input.ownerEmail || null },
    select: CONTACT_SELECT,
  });
  return toContact(org);
}

/**
 * Every client organisation with its owner contact, for the provider admin's
 * editor. Unscoped on purpose: only provider staff reach it.
 */
export async function unsafeListOwnerContacts(db: DbOrTx): Promise<OwnerContact[]> {
  const orgs = await db.organisation.findMany({ where: { kind: "CLIENT" }, orderBy: { label: "asc" }, select: CONTACT_SELECT });
  return orgs.map(toContact);
}
