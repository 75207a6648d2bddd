/**
 * "Has signed pages", computed from what the application holds, and the
 * document gates that read it. Every downstream check goes through here, so
 * bundled, separate-file, remotely signed and legacy applications (a separate
 * file, no bundled flag) are judged alike.
 */
import { formatPages, type IntakeMode } from "@/lib/applications/application-status";

export interface SignedPagesFacts {
  signedPagesInOriginal: boolean;
  signaturePages: number[];
  /** Kinds of the stored documents. */
  documentKinds: readonly string[];
  /** Signing requests with their stored state and expiry. */
  signingRequests: ReadonlyArray<{ state: string; expiresAt: Date; page: number }>;
}

export function hasOriginal(facts: SignedPagesFacts): boolean {
  return facts.documentKinds.includes("original");
}

/** Bundled OR a separate signed-pages file OR a signed remote request. */
export function hasSignedPages(facts: SignedPagesFacts): boolean {
  return (
    facts.signedPagesInOriginal ||
    facts.documentKinds.includes("signed_pages") ||
    facts.signingRequests.some((r) => r.state === "signed")
  );
}

/** A request still usable or done: the remote mode's precondition (an expired link counts for nothing). */
export function isLiveOrSignedRequest(r: { state: string; expiresAt: Date }, now = new Date()): boolean {
  return r.state === "signed" || (r.state === "sent" && r.expiresAt > now);
}

/** The mode the wizard opens in, from what the application already has (the seed's default_get). */
export function initialIntakeMode(facts: SignedPagesFacts, now = new Date()): IntakeMode {
  if (facts.signedPagesInOriginal) return "bundled";
  if (facts.documentKinds.includes("signed_pages")) return "separate";
  if (facts.signingRequests.some((r) => isLiveOrSignedRequest(r, now))) return "remote";
  return "bundled";
}

/** What a document gate finds missing, in words, or [] when it passes. */
export function missingDocuments(facts: SignedPagesFacts): string[] {
  const missing: string[] = [];
  if (!hasOriginal(facts)) missing.push("the original application PDF");
  if (!hasSignedPages(facts)) {
    missing.push(
      `signed ${formatPages(facts.signaturePages).toLowerCase()} (bundled in the original, a separate signed-pages file, or a completed remote signature)`,
    );
  }
  return missing;
}
