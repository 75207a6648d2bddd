/**
 * Signatures on outbound webhooks, Stripe-style: the receiver recomputes
 * HMAC-SHA256(secret, `${timestamp}.${body}`) over the exact bytes it received
 * and compares. The timestamp inside the signed material stops replays of old
 * deliveries. Header: `Switchboard-Signature: t=<unix seconds>,v1=<hex>`.
 */
import crypto from "node:crypto";
import { safeEqual } from "@/server/security/tokens";

export const SIGNATURE_HEADER = "Switchboard-Signature";
export const SIGNATURE_SCHEME = "v1";
/** How old (or how far in the future) a signed timestamp may be, by default. */
export const DEFAULT_SIGNATURE_TOLERANCE_SEC = 300;

export type SignableBody = string | Uint8Array;

function bodyBytes(body: SignableBody): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

/** Hex HMAC-SHA256 of `${timestampSec}.` followed by the body's exact bytes. */
export function computeSignature(body: SignableBody, secret: string, timestampSec: number): string {
  if (!secret) throw new Error("A webhook secret is required to sign");
  if (!Number.isSafeInteger(timestampSec)) throw new RangeError(`timestamp must be whole seconds, got ${timestampSec}`);
  return crypto
    .createHmac("sha256", secret)
    .update(`${timestampSec}.`, "utf8")
    .update(bodyBytes(body))
    .digest("hex");
}

export interface SignedPayload {
  /** Value for the `Switchboard-Signature` header. */
  header: string;
  timestamp: number;
  signature: string;
}

/**
 * Signs the exact body that will be sent. Serialise once and send those same
 * bytes: re-serialising JSON after signing breaks verification.
 */
export function signPayload(body: SignableBody, secret: string, timestampSec: number = nowSec()): SignedPayload {
  const signature = computeSignature(body, secret, timestampSec);
  return { header: `t=${timestampSec},${SIGNATURE_SCHEME}=${signature}`, timestamp: timestampSec, signature };
}

export type SignatureFailure = "malformed_header" | "no_signature" | "timestamp_out_of_tolerance" | "signature_mismatch";

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: SignatureFailure; message: string };

/** Splits `t=…,v1=…,v1=…` into its timestamp and v1 signatures (unknown schemes are ignored). */
export function parseSignatureHeader(header: string): { timestamp: number | null; signatures: string[] } {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    else if (key === SIGNATURE_SCHEME && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

/**
 * For receivers (and our own tests): checks a delivery's signature header
 * against the raw body. Constant-time comparison; accepts any one matching
 * v1 entry so secrets can be rotated; rejects timestamps further than
 * `toleranceSec` from now in either direction (0 disables the age check).
 */
export function verifySignature(
  body: SignableBody,
  header: string | null | undefined,
  secret: string,
  toleranceSec: number = DEFAULT_SIGNATURE_TOLERANCE_SEC,
  nowSeconds: number = nowSec(),
): SignatureCheck {
  if (!header) return { ok: false, reason: "malformed_header", message: `Missing ${SIGNATURE_HEADER} header` };
  const { timestamp, signatures } = parseSignatureHeader(header);
  if (timestamp === null) {
    return { ok: false, reason: "malformed_header", message: "Signature header has no t=<unix seconds> timestamp" };
  }
  if (signatures.length === 0) {
    return { ok: false, reason: "no_signature", message: `Signature header has no ${SIGNATURE_SCHEME} signature` };
  }
  if (toleranceSec > 0 && Math.abs(nowSeconds - timestamp) > toleranceSec) {
    return {
      ok: false,
      reason: "timestamp_out_of_tolerance",
      message: `Signature timestamp is ${nowSeconds - timestamp}s away from now (tolerance ${toleranceSec}s)`,
    };
  }
  const expected = computeSignature(body, secret, timestamp);
  // Compare against every entry without stopping early, so timing says nothing about which matched.
  const matched = signatures.reduce((found, candidate) => safeEqual(candidate, expected) || found, false);
  if (!matched) return { ok: false, reason: "signature_mismatch", message: "No signature matches the body and secret" };
  return { ok: true, timestamp };
}
