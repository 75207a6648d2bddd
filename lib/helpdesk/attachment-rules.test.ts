import { describe, expect, it } from "vitest";
import {
  base64DecodedLength,
  bytesMatchContentType,
  isAllowedAttachmentContentType,
  isBase64,
  sanitizeAttachmentFilename,
} from "./attachment-rules";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("attachment rules", () => {
  it("allows documents and images but not HTML, SVG or executables", () => {
    expect(isAllowedAttachmentContentType("image/png")).toBe(true);
    expect(isAllowedAttachmentContentType("Application/PDF; name=x")).toBe(true);
    expect(isAllowedAttachmentContentType("text/html")).toBe(false);
    expect(isAllowedAttachmentContentType("image/svg+xml")).toBe(false);
    expect(isAllowedAttachmentContentType("application/x-msdownload")).toBe(false);
  });

  it("checks base64 and its decoded size without decoding", () => {
    for (const raw of ["", "a", "ab", "abc", "hello world!"]) {
      const b64 = Buffer.from(raw).toString("base64");
      if (raw) expect(isBase64(b64)).toBe(true);
      expect(base64DecodedLength(b64)).toBe(raw.length);
    }
    expect(isBase64("aGVsbG8")).toBe(true); // unpadded
    expect(isBase64("data:image/png;base64,aGVsbG8=")).toBe(false);
    expect(isBase64("aGVs\nbG8=")).toBe(false);
    expect(isBase64("")).toBe(false);
    expect(isBase64("aGVsb")).toBe(false); // one character over a whole group
    expect(isBase64("aGVsbG8==")).toBe(false); // padding on a non-group length
    expect(isBase64("A".repeat(14_000_000))).toBe(true); // large inputs do not overflow the stack
  });

  it("matches magic numbers of binary types and rejects NUL bytes in text", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
    const exe = bytes(0x4d, 0x5a, 0x90, 0x00);
    expect(bytesMatchContentType("image/png", png)).toBe(true);
    expect(bytesMatchContentType("image/png", exe)).toBe(false);
    expect(bytesMatchContentType("application/pdf", new TextEncoder().encode("%PDF-1.7\n"))).toBe(true);
    expect(bytesMatchContentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes(0x50, 0x4b, 3, 4))).toBe(true);
    expect(bytesMatchContentType("text/plain", new TextEncoder().encode("log line\n"))).toBe(true);
    expect(bytesMatchContentType("text/plain", exe)).toBe(false);
    expect(bytesMatchContentType("text/html", new TextEncoder().encode("<p>"))).toBe(false);
  });

  it("sanitises file names", () => {
    expect(sanitizeAttachmentFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeAttachmentFilename("C:\\Users\\me\\shot.png")).toBe("shot.png");
    expect(sanitizeAttachmentFilename('bad"\u0007name.txt')).toBe("badname.txt");
    expect(sanitizeAttachmentFilename("..")).toBe("");
    const long = sanitizeAttachmentFilename(`${"x".repeat(300)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});
