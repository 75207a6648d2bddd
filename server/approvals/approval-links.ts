/**
 * The owner's magic links: `/approve/<token>/<approve|reject>`.
 *
 * A token is HMAC-SHA256(link key, random salt), base64url: 256 bits nobody
 * can guess without the server secret. The database keeps the salt and the
 * SHA-256 of the token, never the token itself, so a database copy alone
 * opens nothing. Keeping the salt lets the single reminder repeat exactly the
 * links of the first e-mail (the seed's "same links"), which a stored hash
 * alone could not.
 */
import crypto from "node:crypto";
import { hashToken } from "@/server/security/tokens";

export const APPROVAL_DECISIONS = ["approve", "reject"] as const;
export type ApprovalDecisionWord = (typeof APPROVAL_DECISIONS)[number];

/** base64url of 32 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Secrets used to make links and anti-forgery tokens; derived from one server secret. */
export interface ApprovalLinkKeys {
  linkKey: Buffer;
  formKey: Buffer;
}

/** Derives separate keys for links and forms from the app's secret (NEXTAUTH_SECRET). */
export function approvalLinkKeys(serverSecret: string): ApprovalLinkKeys {
  if (serverSecret.length < 16) throw new Error("The approval link secret must be at least 16 characters");
  const derive = (purpose: string) => crypto.createHmac("sha256", serverSecret).update(`switchboard/approvals/${purpose}`).digest();
  return { linkKey: derive("links/v1"), formKey: derive("forms/v1") };
}

/** A fresh random salt for one link. */
export function newLinkSalt(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** The token of the link made from `salt` (same salt and keys → same token). */
export function deriveApprovalToken(keys: ApprovalLinkKeys, salt: string): string {
  return crypto.createHmac("sha256", keys.linkKey).update(salt).digest("base64url");
}

/** A new link: the token for the e-mail, and the salt and hash to store. */
export function issueApprovalLink(keys: ApprovalLinkKeys): { token: string; salt: string; tokenHash: string } {
  const salt = newLinkSalt();
  const token = deriveApprovalToken(keys, salt);
  return { token, salt, tokenHash: hashToken(token) };
}

/** Cheap shape check before any database work: anything else is "no longer valid". */
export function isWellFormedApprovalToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function parseApprovalDecision(value: string): ApprovalDecisionWord | null {
  return (APPROVAL_DECISIONS as readonly string[]).includes(value) ? (value as ApprovalDecisionWord) : null;
}

/** The absolute URL the owner clicks. */
export function approvalUrl(appUrl: string, token: string, decision: ApprovalDecisionWord): string {
  return `${appUrl.replace(/\/+$/, "")}/approve/${token}/${decision}`;
}

/**
 * The anti-forgery value put in the confirm form: bound to this link and
 * decision, so a form posted from anywhere else (or for another link) fails.
 */
export function approvalFormToken(keys: ApprovalLinkKeys, tokenHash: string, decision: ApprovalDecisionWord): string {
  return crypto.createHmac("sha256", keys.formKey).update(`${tokenHash}:${decision}`).digest("base64url");
}

/** Constant-time check of a posted anti-forgery value. */
export function verifyApprovalFormToken(
  keys: ApprovalLinkKeys,
  tokenHash: string,
  decision: ApprovalDecisionWord,
  posted: string | null | undefined,
): boolean {
  if (!posted) return false;
  const expected = Buffer.from(approvalFormToken(keys, tokenHash, decision));
  const given = Buffer.from(posted);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
