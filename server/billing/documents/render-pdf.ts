/**
 * Invoice and credit-note PDFs, drawn with pdf-lib (a maintained, pure-JS
 * PDF writer: no native build, no browser, nothing fetched at run time).
 * A4 pages with the standard Helvetica fonts; text they cannot encode
 * (outside Windows-1252) is replaced rather than failing the document.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

export interface PdfLine {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface PdfDocumentInput {
  title: string;
  /** Label/value pairs under the title: dates, period, references. */
  facts: Array<[string, string]>;
  billTo: string[];
  lines: PdfLine[];
  /** Label/value pairs of the totals block; the last one is printed bold. */
  totals: Array<[string, string]>;
  notes: string[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.replace(/\s+/g, " ")].map((c) => (supported.has(c.codePointAt(0)!) ? c : "?")).join("");
}

function fit(font: PDFFont, text: string, size: number, width: number): string {
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = `${out.slice(0, -2)}…`;
  return out;
}

export async function renderDocumentPdf(input: PdfDocumentInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(input.title);
  pdf.setProducer("Switchboard billing");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;

  const text = (value: string, x: number, size = 10, font = regular, width = A4[0] - MARGIN - x) => {
    page.drawText(fit(font, encodable(font, value), size, width), { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };
  const right = (value: string, xRight: number, size = 10, font = regular) => {
    const safe = encodable(font, value);
    page.drawText(safe, { x: xRight - font.widthOfTextAtSize(safe, size), y, size, font });
  };
  const newline = (step = 14) => {
    y -= step;
    if (y < MARGIN + 40) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };

  text(input.title, MARGIN, 18, bold);
  newline(26);
  for (const [label, value] of input.facts) {
    text(label, MARGIN, 10, bold);
    text(value, MARGIN + 110);
    newline();
  }
  newline(8);
  text("Bill to", MARGIN, 10, bold);
  newline();
  for (const row of input.billTo) {
    text(row, MARGIN);
    newline();
  }
  newline(10);

  const cols = { qty: 360, unit: 450, amount: A4[0] - MARGIN };
  text("Description", MARGIN, 10, bold);
  right("Quantity", cols.qty, 10, bold);
  right("Unit price", cols.unit, 10, bold);
  right("Amount", cols.amount, 10, bold);
  newline(6);
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5 });
  newline(12);
  for (const line of input.lines) {
    text(line.description, MARGIN, 10, regular, cols.qty - MARGIN - 70);
    right(line.quantity, cols.qty);
    right(line.unitPrice, cols.unit);
    right(line.amount, cols.amount);
    newline();
  }
  newline(6);
  for (const [i, [label, value]] of input.totals.entries()) {
    const font = i === input.totals.length - 1 ? bold : regular;
    right(label, cols.unit, 10, font);
    right(value, cols.amount, 10, font);
    newline();
  }
  newline(10);
  for (const note of input.notes) {
    text(note, MARGIN, 8);
    newline(11);
  }
  return pdf.save();
}
