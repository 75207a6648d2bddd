import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_TOTAL_ATTACHMENT_BYTES,
  isAllowedAttachmentContentType,
} from "@/lib/helpdesk/attachment-rules";

export interface AttachmentPayload {
  filename: string;
  contentType: string;
  data: string;
}

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** The browser's guess for a file's type, with a fallback for logs and notes it leaves blank. */
function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  return /\.(txt|log)$/i.test(file.name) ? "text/plain" : "application/octet-stream";
}

/**
 * Checks picked files against the attachment rules (early, friendly errors;
 * the server checks the bytes again) and reads them as base64 payloads.
 * Returns an error message instead when a file is not acceptable.
 */
export async function readAttachmentFiles(files: readonly File[]): Promise<{ ok: true; attachments: AttachmentPayload[] } | { ok: false; error: string }> {
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) return { ok: false, error: `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files per message` };
  let total = 0;
  for (const file of files) {
    if (!isAllowedAttachmentContentType(contentTypeOf(file))) {
      return { ok: false, error: `${file.name}: this kind of file (${contentTypeOf(file)}) cannot be attached` };
    }
    if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, error: `${file.name} is larger than ${mb(MAX_ATTACHMENT_BYTES)}` };
    if (file.size === 0) return { ok: false, error: `${file.name} is empty` };
    total += file.size;
  }
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) return { ok: false, error: `Files may total at most ${mb(MAX_TOTAL_ATTACHMENT_BYTES)}` };
  const attachments = await Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      // Chunks keep String.fromCharCode's argument list small.
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { filename: file.name, contentType: contentTypeOf(file), data: btoa(binary) };
    }),
  );
  return { ok: true, attachments };
}
