/**
 * PDF work for remote signing, with pdf-lib: the single page the signer
 * sees, and the signed copy (signature stamped on that page of a copy of the
 * source, plus a certificate page). The source bytes are never modified.
 */
import { PDFDocument, StandardFonts, rgb, type PDFImage } from "pdf-lib";
import { invalidApplicationInput } from "./errors";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A drawn signature is a small canvas export; anything bigger is not one. */
export const MAX_SIGNATURE_BYTES = 512 * 1024;

export type SignatureMark = { kind: "drawn"; png: Uint8Array } | { kind: "typed"; text: string };

/** The standard fonts encode WinAnsi only: other characters become "?" rather than failing the signature. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
}

/** Decodes the pad's `data:image/png;base64,…` and refuses anything that is not a PNG image. */
export function decodeSignatureImage(dataUrl: string | undefined): Uint8Array {
  const notImage = () => invalidApplicationInput("signatureImage", "The signature must be an image drawn on the pad. Please draw it again.");
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl ?? "");
  if (!match) throw notImage();
  const bytes = Buffer.from(match[1]!, "base64");
  if (bytes.length > MAX_SIGNATURE_BYTES) throw invalidApplicationInput("signatureImage", "The drawn signature is too large.");
  if (bytes.length < PNG_MAGIC.length || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) throw notImage();
  return bytes;
}

/** Only `page` (1-based) of `source`, as a PDF of its own, for the signer's viewer. */
export async function extractPage(source: Uint8Array, page: number): Promise<Uint8Array> {
  const from = await PDFDocument.load(source, { updateMetadata: false });
  const out = await PDFDocument.create();
  const [copy] = await out.copyPages(from, [page - 1]);
  out.addPage(copy!);
  out.setTitle(`Page ${page}`);
  return out.save();
}

export interface SignatureCertificate {
  applicationNumber: string;
  page: number;
  signerName: string;
  signerEmail: string;
  relationship: string;
  signedOn: string;
  signedAt: Date;
  clientAddress: string;
  originalSha256: string;
  requestId: string;
}

/**
 * A copy of `source` with the signature stamped in the lower right of `page`
 * and a certificate page appended (who, when, from which address, the
 * SHA-256 of the original). Throws invalid_input when the drawn image cannot
 * be decoded as a PNG.
 */
export async function buildSignedCopy(
  source: Uint8Array,
  mark: SignatureMark,
  cert: SignatureCertificate,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; pageCount: number }> {
  const doc = await PDFDocument.load(source, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const script = await doc.embedFont(StandardFonts.HelveticaOblique);
  const target = doc.getPage(cert.page - 1);
  const { width } = target.getSize();
  const boxWidth = 220;
  const x = width - boxWidth - 36;
  const y = 48;

  if (mark.kind === "drawn") {
    let image: PDFImage;
    try {
      image = await doc.embedPng(mark.png);
    } catch {
      throw invalidApplicationInput("signatureImage", "The signature must be an image drawn on the pad. Please draw it again.");
    }
    const scaled = image.scaleToFit(boxWidth, 60);
    target.drawImage(image, { x, y: y + 16, width: scaled.width, height: scaled.height });
  } else {
    target.drawText(printable(mark.text), { x, y: y + 28, size: 22, font: script, color: rgb(0.05, 0.1, 0.35) });
  }
  target.drawLine({ start: { x, y: y + 12 }, end: { x: x + boxWidth, y: y + 12 }, thickness: 0.75, color: rgb(0.3, 0.3, 0.3) });
  target.drawText(printable(`${cert.signerName} (${cert.relationship}), ${cert.signedOn}`), { x, y, size: 8, font, color: rgb(0.2, 0.2, 0.2) });

  const certificate = doc.addPage([612, 792]);
  const lines: Array<[string, string]> = [
    ["Application", cert.applicationNumber],
    ["Page signed", String(cert.page)],
    ["Signer", cert.signerName],
    ["E-mail", cert.signerEmail],
    ["Relationship", cert.relationship],
    ["Date written by signer", cert.signedOn],
    ["Signed at (UTC)", cert.signedAt.toISOString()],
    ["Client address", cert.clientAddress],
    ["Signature", mark.kind === "drawn" ? "Drawn on screen" : "Typed"],
    ["SHA-256 of the original", cert.originalSha256],
    ["Signing request", cert.requestId],
  ];
  certificate.drawText("Signature certificate", { x: 56, y: 720, size: 20, font });
  lines.forEach(([label, value], i) => {
    const rowY = 680 - i * 26;
    certificate.drawText(label, { x: 56, y: rowY, size: 10, font, color: rgb(0.35, 0.35, 0.35) });
    certificate.drawText(printable(value), { x: 200, y: rowY, size: value.length > 48 ? 8 : 10, font });
  });
  certificate.drawText("Signed electronically through a single-use link sent to the e-mail address above.", { x: 56, y: 370, size: 9, font });
  return { bytes: new Uint8Array(await doc.save()), pageCount: doc.getPageCount() };
}
