import zlib from "node:zlib";
import { PDFArray, PDFDocument, PDFRawStream, type PDFPage } from "pdf-lib";

/**
 * The text drawn on a page by pdf-lib's standard fonts (hex strings in
 * Tj operators), read back from the page's decompressed content streams.
 */
export function pageText(doc: PDFDocument, page: PDFPage): string {
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let ops = "";
  for (const ref of refs) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const raw = Buffer.from(stream.contents);
    const filter = stream.dict.toString();
    ops += (filter.includes("FlateDecode") ? zlib.inflateSync(raw) : raw).toString("latin1");
  }
  return [...ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1")).join("\n");
}
