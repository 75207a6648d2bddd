/**
 * A customer pulled from a CRM that Switchboard already has under the same
 * e-mail (Vtiger, billing or the console made it) is that customer, so one
 * Customer row carries every CRM's id. Only an unambiguous match is taken:
 * exactly one customer with the e-mail (case-insensitive), not yet linked to
 * another record of the same connection. Anything else makes a new customer,
 * with a note saying why, because merging two people by guess is worse than
 * a duplicate a person can merge.
 */
import type { DbOrTx } from "@/server/db";
import type { Canonical } from "../engine/field-values";
import type { ExistingMatch } from "./entity-adapter";

/** Enough rows to tell "one" from "several" and to say roughly how many. */
const CANDIDATE_LIMIT = 10;

export async function findCustomerByEmail(db: DbOrTx, values: Record<string, Canonical>, connectionId: string): Promise<ExistingMatch> {
  const email = values.email?.trim();
  if (!email) return { id: null, note: null };
  const candidates = await db.customer.findMany({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: CANDIDATE_LIMIT,
  });
  if (candidates.length === 0) return { id: null, note: null };
  if (candidates.length > 1) {
    const count = candidates.length === CANDIDATE_LIMIT ? `${CANDIDATE_LIMIT} or more` : String(candidates.length);
    return { id: null, note: `${count} customers here have the e-mail ${email.toLowerCase()}; made a new customer rather than guess which one this is` };
  }
  const [only] = candidates;
  const linked = await db.syncLink.findFirst({
    where: { connectionId, entity: "customer", entityId: only!.id, externalId: { not: null } },
    select: { externalId: true },
  });
  if (linked) {
    return { id: null, note: `The customer with the e-mail ${email.toLowerCase()} is already linked to ${linked.externalId} of this connection; made a new customer` };
  }
  return { id: only!.id };
}
