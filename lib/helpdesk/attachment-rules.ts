/**
 * What a ticket attachment may be. Shared by the upload forms (early, friendly
 * errors), the intake API's schema and the server, which checks the actual
 * bytes again with `bytesMatchContentType` before storing anything.
 */

/** Largest single attachment, after base64 decoding. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Most attachments on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Largest sum of attachment sizes on one message. */
export const MAX_TOTAL_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENT_FILENAME_LENGTH = 255;

/**
 * Accepted content types: screenshots, documents, logs and exports. Left out on
 * purpose: HTML and SVG (script when opened inline), executables, legacy
 * Office formats with macros.
 */
export const ALLOWED_ATTACHMENT_CONTENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/json",
  "message/rfc822",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
] as const;

export type AttachmentContentType = (typeof ALLOWED_ATTACHMENT_CONTENT_TYPES)[number];

/** "Image/PNG; charset=x" → "image/png": compare types without case or parameters. */
export function normalizeContentType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isAllowedAttachmentContentType(
  contentType: string,
): contentType is AttachmentContentType {
  return (ALLOWED_ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(
    normalizeContentType(contentType),
  );
}

// A plain character class, not a grouped repetition: grouped patterns recurse
// per group in V8 and overflow the stack on multi-megabyte attachments.
const BASE64_CHARS = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether `value` is standard base64 (padding optional, no whitespace or data: prefix). */
export function isBase64(value: string): boolean {
  if (!BASE64_CHARS.test(value)) return false;
  const padded = value.endsWith("=");
  // Padded base64 comes in whole 4-character groups; unpadded never leaves a single character over.
  return padded ? value.length % 4 === 0 : value.length % 4 !== 1;
}

/** Size in bytes of the data a base64 string decodes to, without decoding it. */
export function base64DecodedLength(value: string): number {
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  const chars = value.length - padding;
  return Math.floor((chars * 3) / 4);
}

/**
 * A file name safe to store and to offer in a Content-Disposition header:
 * no directories, no control characters, at most 255 characters (keeping the
 * extension). Returns "" when nothing usable is left.
 */
export function sanitizeAttachmentFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  if (cleaned === "." || cleaned === "..") return "";
  if (cleaned.length <= MAX_ATTACHMENT_FILENAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX_ATTACHMENT_FILENAME_LENGTH - ext.length) + ext;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ZIP_BASED = new Set<string>([
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
]);

const TEXT_BASED = new Set<string>(["text/plain", "text/csv", "application/json", "message/rfc822"]);

/**
 * Whether the first bytes of a file fit its declared content type: binary
 * formats by their magic numbers, text formats by the absence of NUL bytes.
 * Catches an executable uploaded as "image/png"; it is not a full parser.
 */
export function bytesMatchContentType(contentType: string, bytes: Uint8Array): boolean {
  const type = normalizeContentType(contentType);
  switch (type) {
    case "image/png":
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "image/jpeg":
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "image/gif":
      return startsWith(bytes, [0x47, 0x49, 0x46, 0x38]);
    case "image/webp":
      return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
    case "application/pdf":
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
  }
  if (ZIP_BASED.has(type)) return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
  if (TEXT_BASED.has(type)) return !bytes.subarray(0, 8192).includes(0);
  return false;
}
