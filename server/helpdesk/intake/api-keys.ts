import { generateApiKey, hashToken } from "@/server/security/tokens";
import type { DbOrTx } from "@/server/db";
import { invalidInput } from "../errors";

export const HELPDESK_API_KEY_PREFIX = "sbt";

/** The organisation an intake request acts for, from its bearer key. */
export interface IntakeCaller {
  apiKeyId: string;
  organisationId: string;
  organisationLabel: string;
}

/**
 * Creates a key for a client organisation. The key is returned once, here;
 * only its hash and a recognisable prefix are stored.
 */
export async function createHelpdeskApiKey(
  db: DbOrTx,
  input: { organisationId: string; name: string; createdById: string | null },
): Promise<{ id: string; key: string; keyPrefix: string }> {
  const organisation = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { kind: true } });
  if (!organisation || organisation.kind !== "CLIENT") throw invalidInput("organisationId", "Unknown client organisation");
  const { key, keyPrefix } = generateApiKey(HELPDESK_API_KEY_PREFIX);
  const row = await db.helpdeskApiKey.create({
    data: { organisationId: input.organisationId, name: input.name, keyPrefix, keyHash: hashToken(key), createdById: input.createdById },
    select: { id: true },
  });
  return { id: row.id, key, keyPrefix };
}

/** Every key, newest first, without hashes (console settings page). */
export function unsafeListHelpdeskApiKeys(db: DbOrTx) {
  return db.helpdeskApiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      keyPrefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      organisation: { select: { id: true, label: true, name: true } },
    },
  });
}

/** Revokes a key at once; requests with it answer 401 from then on. */
export async function revokeHelpdeskApiKey(db: DbOrTx, id: string, now: Date = new Date()): Promise<boolean> {
  const result = await db.helpdeskApiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return result.count > 0;
}

/**
 * Reads `Authorization: Bearer <key>` and finds the live key by its hash.
 * Null for a missing, malformed, unknown or revoked key (the route answers 401
 * without saying which).
 */
export async function authenticateHelpdeskApiKey(db: DbOrTx, authorization: string | null): Promise<IntakeCaller | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !match[1]!.startsWith(`${HELPDESK_API_KEY_PREFIX}_`)) return null;
  const row = await db.helpdeskApiKey.findUnique({
    where: { keyHash: hashToken(match[1]!) },
    select: { id: true, revokedAt: true, lastUsedAt: true, organisation: { select: { id: true, label: true, kind: true } } },
  });
  if (!row || row.revokedAt || row.organisation.kind !== "CLIENT") return null;
  // Recording every use would add a write per request; once a minute is plenty for "last used".
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.helpdeskApiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { apiKeyId: row.id, organisationId: row.organisation.id, organisationLabel: row.organisation.label };
}
