import crypto from "node:crypto";

/**
 * AES-256-GCM with a random 96-bit IV; `purpose` is bound in as additional
 * data so a box made for one use cannot be opened as another.
 * Format: "v1.<iv>.<tag>.<ciphertext>" (base64url parts).
 */
const VERSION = "v1";

export class SealedBoxError extends Error {
  override name = "SealedBoxError";
}

export function seal(plain: string, purpose: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open(box: string, purpose: string, key: Buffer): string {
  const parts = box.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SealedBoxError("not a sealed value");
  const [, iv, tag, body] = parts as [string, string, string, string];
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedBoxError("the sealed value could not be opened (wrong key or damaged value)");
  }
}

/**
 * A 32-byte key: SHA-256 of the configured secret; outside production,
 * without one, derived from NEXTAUTH_SECRET under `label` so development
 * needs no setup. Production without the variable throws, naming it.
 */
export function keyFromEnv(variable: string, label: string, env: NodeJS.ProcessEnv): Buffer {
  const configured = env[variable];
  if (configured) {
    if (configured.length < 32) throw new SealedBoxError(`${variable} must be at least 32 characters`);
    return crypto.createHash("sha256").update(configured, "utf8").digest();
  }
  if (env.NODE_ENV === "production") throw new SealedBoxError(`${variable} is required in production`);
  if (!env.NEXTAUTH_SECRET) throw new SealedBoxError(`Set ${variable} (or NEXTAUTH_SECRET outside production)`);
  return Buffer.from(crypto.hkdfSync("sha256", env.NEXTAUTH_SECRET, "switchboard", label, 32));
}
