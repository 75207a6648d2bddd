/**
 * Signatures of inbound CRM webhooks: HMAC-SHA256 with a shared secret over
 * "<timestamp>.<raw body>", sent as
 *   X-Switchboard-Timestamp: <unix seconds>
 *   X-Switchboard-Signature: sha256=<hex>
 * A timestamp more than five minutes off is refused, so a captured request
 * cannot be replayed later; within that window the stored event id refuses it.
 */
import crypto from "node:crypto";
import { safeEqual } from "@/server/security/tokens";

export const SIGNATURE_HEADER = "x-switchboard-signature";
export const TIMESTAMP_HEADER = "x-switchboard-timestamp";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signature header value for a body (also what a CRM-side sender computes). */
export function signWebhookBody(rawBody: string, secret: string, timestamp: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
  return `sha256=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

export function verifyWebhookSignature(
  rawBody: string,
  headers: { signature: string | null; timestamp: string | null },
  secret: string,
  nowMs: number = Date.now(),
): SignatureCheck {
  if (!headers.signature || !headers.timestamp) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(headers.timestamp) || !/^sha256=[0-9a-f]{64}$/i.test(headers.signature)) {
    return { ok: false, reason: "malformed" };
  }
  const ts = Number(headers.timestamp);
  if (Math.abs(nowMs / 1000 - ts) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = signWebhookBody(rawBody, secret, ts);
  return safeEqual(expected, headers.signature.toLowerCase()) ? { ok: true } : { ok: false, reason: "mismatch" };
}
