/**
 * Encryption at rest for CRM secrets (connection access keys, queued
 * passwords): AES-256-GCM with a random 96-bit IV; the purpose is bound in as
 * additional data, so a ciphertext made for one use cannot be replayed as
 * another. Format: "v1.<iv>.<tag>.<ciphertext>" (base64url parts).
 *
 * The key is SHA-256 of CRM_ENCRYPTION_KEY. Outside production, without that
 * variable, it is derived from NEXTAUTH_SECRET (which `npm run dev` generates
 * per checkout), so development works with no setup; production refuses to
 * start encrypting without a key of its own.
 */
import crypto from "node:crypto";
import { appSecret } from "@/server/app-url";
import { appEnv } from "@/server/config-readers";
import { open, seal, SealedBoxError } from "@/server/security/sealed-box";
import { crmConfig } from "./crm-config";

export type SecretPurpose = "crm-connection" | "crm-queue";

/** The sealed-box format's version prefix (server/security/sealed-box.ts). */
const VERSION = "v1";

/** Thrown when a ciphertext cannot be opened (wrong key, tampering, wrong purpose). */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/** The 32-byte key from the environment (see the module comment). */
export function crmEncryptionKey(env: NodeJS.ProcessEnv): Buffer {
  const { encryptionKey: configured, production } = crmConfig(env);
  if (configured) return crypto.createHash("sha256").update(configured, "utf8").digest();
  if (production) {
    throw new SecretBoxError("CRM_ENCRYPTION_KEY is required in production to store CRM credentials");
  }
  const fallback = appSecret(env);
  if (!fallback) throw new SecretBoxError("Set CRM_ENCRYPTION_KEY (or NEXTAUTH_SECRET in development)");
  return Buffer.from(crypto.hkdfSync("sha256", fallback, "switchboard", "crm-encryption-key", 32));
}

/** Encrypts `plain` for `purpose` (the shared sealed-box format). */
export function encryptSecret(plain: string, purpose: SecretPurpose, key: Buffer = appEnv.crmEncryptionKey()): string {
  return seal(plain, purpose, key);
}

/** Opens a value made by encryptSecret for the same purpose; throws SecretBoxError otherwise. */
export function decryptSecret(box: string, purpose: SecretPurpose, key: Buffer = appEnv.crmEncryptionKey()): string {
  if (!box.startsWith(`${VERSION}.`) || box.split(".").length !== 4) throw new SecretBoxError("Not an encrypted CRM secret");
  try {
    return open(box, purpose, key);
  } catch (error) {
    if (error instanceof SealedBoxError) throw new SecretBoxError("The CRM secret could not be decrypted (wrong CRM_ENCRYPTION_KEY or damaged value)");
    throw error;
  }
}
