/**
 * Links to an invoice's or credit note's PDF that work without an account
 * (e-mailed to the billing contact, Lago's file_url). The token is an HMAC
 * of the document's kind and id under the server secret: nothing is stored,
 * a link cannot be forged or moved to another document, and it keeps
 * working because the documents never change once issued.
 */
import crypto from "node:crypto";
import { safeEqual } from "@/server/security/tokens";

export type DocumentKind = "invoice" | "credit_note";

function tokenFor(kind: DocumentKind, id: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`billing-document:${kind}:${id}`).digest("base64url");
}

export function documentUrl(kind: DocumentKind, id: string, cfg: { appUrl: string; secret: string }): string {
  const base = cfg.appUrl.replace(/\/+$/, "");
  return `${base}/api/billing/documents/${kind}/${encodeURIComponent(id)}?token=${tokenFor(kind, id, cfg.secret)}`;
}

export function verifyDocumentToken(kind: DocumentKind, id: string, token: string | null, secret: string): boolean {
  return secret.length > 0 && typeof token === "string" && token.length > 0 && safeEqual(token, tokenFor(kind, id, secret));
}
