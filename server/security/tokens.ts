import crypto from "node:crypto";

/** A long random URL-safe token (256 bits): magic links, API keys, session ids. */
export function generateToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** The only form in which a token is stored: hex SHA-256 of the token. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two strings (e.g. signatures). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** An API key with a recognisable prefix, e.g. `sb_live_…`; store hashToken(key) and keyPrefix only. */
export function generateApiKey(prefix: string): { key: string; keyPrefix: string } {
  const key = `${prefix}_${generateToken(24)}`;
  return { key, keyPrefix: key.slice(0, prefix.length + 7) };
}
