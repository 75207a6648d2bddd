import crypto from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { invalidApplicationInput } from "./errors";

export interface InspectedPdf {
  /** A private copy of the upload (what gets stored). */
  bytes: Uint8Array<ArrayBuffer>;
  pageCount: number;
  sha256: string;
}

const PDF_MAGIC = Buffer.from("%PDF-", "latin1");
const EOF_MARKER = Buffer.from("%%EOF", "latin1");
/** Readers look for the end marker this far from the end of the file (Acrobat's tolerance). */
const EOF_WINDOW = 1024;

/**
 * The server's real PDF check: the content (not the name) starts with
 * `%PDF-`, the file ends with an end marker (a truncated upload does not),
 * parses without encryption, and has at least one page. Throws an
 * invalid_input error naming `field` with a message staff can act on.
 */
export async function inspectPdf(bytes: Uint8Array, opts: { field: string; label: string; maxBytes: number }): Promise<InspectedPdf> {
  const { field, label, maxBytes } = opts;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length === 0) throw invalidApplicationInput(field, `${label} is empty. Please choose the scanned PDF again.`);
  if (buffer.length > maxBytes) {
    throw invalidApplicationInput(field, `${label} is larger than ${formatMegabytes(maxBytes)}. Please scan at a lower resolution or compress it.`);
  }
  if (!buffer.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw invalidApplicationInput(field, `${label} must be a PDF file (its content is not a PDF, whatever its name says).`);
  }
  const unreadable = () =>
    invalidApplicationInput(field, `${label} could not be read as a PDF: it looks damaged or incomplete. Please scan or export it again.`);
  if (!buffer.subarray(Math.max(0, buffer.length - EOF_WINDOW)).includes(EOF_MARKER)) throw unreadable();

  let doc: PDFDocument;
  try {
    // ignoreEncryption only so that an encrypted file can be told apart from a broken one.
    doc = await PDFDocument.load(buffer, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false });
  } catch {
    throw unreadable();
  }
  if (doc.isEncrypted) {
    throw invalidApplicationInput(field, `${label} is password-protected or encrypted. Please upload an unprotected copy.`);
  }
  let pageCount: number;
  try {
    pageCount = doc.getPageCount();
  } catch {
    throw unreadable();
  }
  if (pageCount < 1) throw unreadable();
  return { bytes: new Uint8Array(buffer), pageCount, sha256: crypto.createHash("sha256").update(buffer).digest("hex") };
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
