/**
 * Real files for tests (Vitest and Playwright): PDFs made with pdf-lib, an
 * encrypted one (an /Encrypt dictionary in the trailer, which is how readers
 * recognise encryption; pdf-lib cannot encrypt), a truncated one and a PNG.
 */
import zlib from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF of `pages` Letter pages, each saying its number. */
export async function makePdf(pages: number, title = "Funding application"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${title} — page ${i} of ${pages}`, { x: 56, y: 720, size: 14, font });
  }
  return doc.save();
}

/** A PDF whose trailer names an encryption dictionary (standard security handler). */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: "Standard", V: 2, R: 3, Length: 128, P: -3904 });
  return doc.save();
}

/** The first half of a 14-page PDF: what an interrupted upload or a broken scanner leaves. */
export async function makeTruncatedPdf(): Promise<Uint8Array> {
  const full = await makePdf(14);
  return full.slice(0, Math.floor(full.length / 2));
}

/** A valid 2×2 PNG (red), e.g. renamed to .pdf, or as a drawn signature. */
export function makePng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const pngDataUrl = () => `data:image/png;base64,${Buffer.from(makePng()).toString("base64")}`;
