/**
 * A connection's field-job settings: ticket types that make a job by
 * themselves, the status mapping, and the webhook's shared secret (stored
 * encrypted, shown once when made; a new one replaces the old at once).
 */
import type { Db } from "@/server/db";
import type { TicketType } from "@/server/generated/prisma/client";
import { encryptSecret } from "@/server/crm/secret-box";
import { generateToken } from "@/server/security/tokens";
import { getFieldJobConnectionOrThrow } from "./request-field-job";
import { listStatusMappings } from "./status-mapping";

export async function getFieldJobSettings(db: Db, connectionId: string) {
  // A disabled connection is still configurable.
  const connection = await getFieldJobConnectionOrThrow(db, connectionId, { requireEnabled: false });
  const [settings, mappings, seen] = await Promise.all([
    db.fieldJobSettings.findUnique({ where: { connectionId } }),
    listStatusMappings(db, connectionId),
    db.fieldJob.findMany({ where: { connectionId, remoteStatus: { not: null } }, distinct: ["remoteStatus"], select: { remoteStatus: true } }),
  ]);
  return {
    connection: { id: connection.id, name: connection.name, enabled: connection.enabled },
    autoCreateTypes: settings?.autoCreateTypes ?? [],
    webhookConfigured: Boolean(settings?.webhookSecretCiphertext),
    mappings,
    /** Statuses our jobs have shown that nobody mapped yet: offered as new rows. */
    unmappedStatuses: seen
      .map((s) => s.remoteStatus!)
      .filter((s) => !mappings.some((m) => m.remoteStatus.toLowerCase() === s.toLowerCase()))
      .sort(),
  };
}

export async function saveAutoCreateTypes(db: Db, connectionId: string, ticketTypes: TicketType[], userId: string | null): Promise<void> {
  await db.fieldJobSettings.upsert({
    where: { connectionId },
    create: { connectionId, autoCreateTypes: ticketTypes, updatedById: userId },
    update: { autoCreateTypes: ticketTypes, updatedById: userId },
  });
}

/** A new webhook secret; returned this once and stored only encrypted. */
export async function rotateWebhookSecret(db: Db, connectionId: string, userId: string | null): Promise<string> {
  const secret = `ascwh_${generateToken(24)}`;
  const ciphertext = encryptSecret(secret, "crm-connection");
  await db.fieldJobSettings.upsert({
    where: { connectionId },
    create: { connectionId, webhookSecretCiphertext: ciphertext, updatedById: userId },
    update: { webhookSecretCiphertext: ciphertext, updatedById: userId },
  });
  return secret;
}
