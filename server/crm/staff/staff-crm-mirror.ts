/**
 * Keeps a staff member's CRM accounts in step with their account here. The
 * people services call these inside their own transaction, so the change
 * and its queued mirror commit together; the caller wakes the queue
 * (dispatchSyncWork) after commit with the connection ids returned.
 */
import crypto from "node:crypto";
import type { DbOrTx } from "@/server/db";
import { enqueueOperation, newCorrelationId } from "../engine/enqueue";
import { encryptSecret } from "../secret-box";

/** Queued passwords expire after a week (a dead item retried later asks for a new one). */
const SECRET_TTL_MS = 7 * 86_400_000;

/** A strong password that satisfies common CRM password rules (upper, lower, digit, symbol). */
export function generateStaffPassword(): string {
  const body = crypto.randomBytes(15).toString("base64url");
  return `${body}Aa9!`;
}

/** Stores a password for the queue as AES-GCM ciphertext; the queue item carries only the returned id. */
export async function storeQueuedSecret(db: Pick<DbOrTx, "syncSecret">, plain: string): Promise<string> {
  const row = await db.syncSecret.create({
    data: { ciphertext: encryptSecret(plain, "crm-queue"), expiresAt: new Date(Date.now() + SECRET_TTL_MS) },
  });
  return row.id;
}

/** The person's linked CRM accounts on live, enabled connections. */
function linkedAccounts(tx: DbOrTx, userId: string) {
  return tx.syncLink.findMany({
    where: { entity: "user", entityId: userId, externalId: { not: null }, connection: { deletedAt: null, enabled: true } },
  });
}

/** Queues the person's active status to every CRM account they have; returns the connections to wake. */
export async function queueStaffStatus(tx: DbOrTx, userId: string, active: boolean): Promise<string[]> {
  const links = await linkedAccounts(tx, userId);
  const correlationId = newCorrelationId();
  for (const l of links) {
    await enqueueOperation(tx, { connectionId: l.connectionId, entity: "user", entityId: userId, operation: "USER_STATUS", payload: { active } }, { correlationId });
  }
  return links.map((l) => l.connectionId);
}

/** Queues a new password to every CRM account of the person (as a secret id, never in clear); returns the connections to wake. */
export async function queueStaffPassword(tx: DbOrTx, userId: string, password: string): Promise<string[]> {
  const links = await linkedAccounts(tx, userId);
  const correlationId = newCorrelationId();
  for (const l of links) {
    const secretId = await storeQueuedSecret(tx, password);
    await enqueueOperation(tx, { connectionId: l.connectionId, entity: "user", entityId: userId, operation: "USER_PASSWORD", payload: { secretId } }, { correlationId });
  }
  return links.map((l) => l.connectionId);
}
