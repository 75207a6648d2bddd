/** Signed document links with this deployment's URL and secret (entry points only: reads the configuration). */
import { documentUrl, type DocumentKind } from "../documents/document-links";
import { appEnv } from "@/server/config-readers";

export function signedDocumentUrl(kind: DocumentKind, id: string): string {
  const cfg = appEnv.billing();
  return documentUrl(kind, id, { appUrl: cfg.appUrl, secret: cfg.documentSecret });
}
