/**
 * Replaces what looks like a bearer token inside a URL (a run of 32 or more
 * URL-safe characters right after "/" or "=") with a fixed mask. Every token
 * Switchboard mails is 43 (base64url) or 64 (hex) characters long, while
 * record ids (cuid, 25) stay readable. Used for the outbox preview and logs.
 */
const TOKEN_IN_URL = /(?<=[/=])[A-Za-z0-9_-]{32,}/g;

export const TOKEN_MASK = "••••••";

export function maskTokens(text: string): string {
  return text.replace(TOKEN_IN_URL, TOKEN_MASK);
}
