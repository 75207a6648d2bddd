import { describe, expect, it } from "vitest";
import { inspectPdf } from "./inspect-pdf";
import { ApplicationError } from "./errors";
import { makeEncryptedPdf, makePdf, makePng, makeTruncatedPdf } from "./testing/pdf-fixtures";

const opts = { field: "original", label: "The original application", maxBytes: 2 * 1024 * 1024 };

async function refusal(bytes: Uint8Array, maxBytes = opts.maxBytes): Promise<ApplicationError> {
  const error = await inspectPdf(bytes, { ...opts, maxBytes }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationError);
  expect((error as ApplicationError).field).toBe("original");
  return error as ApplicationError;
}

describe("inspectPdf", () => {
  it("reads the page count of a valid 14-page PDF and hashes it", async () => {
    const bytes = await makePdf(14);
    const result = await inspectPdf(bytes, opts);
    expect(result.pageCount).toBe(14);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts a short 4-page PDF (the hint is the page count, not a refusal)", async () => {
    expect((await inspectPdf(await makePdf(4), opts)).pageCount).toBe(4);
  });

  it("refuses a PNG renamed to .pdf by its content", async () => {
    expect((await refusal(makePng())).message).toMatch(/must be a PDF file/);
  });

  it("refuses an encrypted PDF with a friendly message", async () => {
    expect((await refusal(await makeEncryptedPdf())).message).toMatch(/password-protected or encrypted/);
  });

  it("refuses a truncated PDF as damaged or incomplete", async () => {
    expect((await refusal(await makeTruncatedPdf())).message).toMatch(/damaged or incomplete/);
  });

  it("refuses a file that only starts like a PDF", async () => {
    const bytes = Buffer.from("%PDF-1.7\nnot really a pdf at all\n%%EOF\n", "latin1");
    expect((await refusal(bytes)).message).toMatch(/damaged or incomplete/);
  });

  it("refuses an empty file", async () => {
    expect((await refusal(new Uint8Array())).message).toMatch(/is empty/);
  });

  it("refuses a file over the size limit, naming the limit", async () => {
    const bytes = await makePdf(14);
    expect((await refusal(bytes, bytes.length - 1)).message).toMatch(/larger than .* MB/);
  });
});
