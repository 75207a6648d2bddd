/** Signed document links with this deployment's URL and secret (entry points only: reads the configuration). */
import { billingConfig } from "../billing-config";
import { documentUrl, type DocumentKind } from "../documents/document-links";

export function signedDocumentUrl(kind: DocumentKind, id: string): string {
  const cfg = billingConfig();
  return documentUrl(kind, id, { appUrl: cfg.appUrl, secret: cfg.documentSecret });
}
