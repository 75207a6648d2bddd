/**
 * Lago's HMAC webhook signature, as its docs tell receivers to verify it:
 * `X-Lago-Signature` is the Base64 HMAC-SHA256 of the raw body under the
 * endpoint's key, `X-Lago-Signature-Algorithm` is `hmac`, and
 * `X-Lago-Unique-Key` identifies the event for the receiver's deduplication.
 * Lago's signature has no timestamp: the unique key is what stops a replay
 * from being processed twice.
 */
import crypto from "node:crypto";

export const LAGO_SIGNATURE_HEADER = "X-Lago-Signature";
export const LAGO_SIGNATURE_ALGORITHM_HEADER = "X-Lago-Signature-Algorithm";
export const LAGO_UNIQUE_KEY_HEADER = "X-Lago-Unique-Key";

/** Base64 HMAC-SHA256 of the exact body bytes. */
export function lagoHmacSignature(body: string, secret: string): string {
  if (!secret) throw new Error("A webhook secret is required to sign");
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** The headers a Lago receiver reads, for this body and event. */
export function lagoWebhookHeaders(body: string, secret: string, eventId: string): Record<string, string> {
  return {
    [LAGO_SIGNATURE_HEADER]: lagoHmacSignature(body, secret),
    [LAGO_SIGNATURE_ALGORITHM_HEADER]: "hmac",
    [LAGO_UNIQUE_KEY_HEADER]: eventId,
  };
}
