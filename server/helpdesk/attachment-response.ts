import { sanitizeAttachmentFilename } from "@/lib/helpdesk/attachment-rules";

/**
 * The download response for a stored attachment, or 404. Always sent as a
 * download (never rendered inline) with the stored type and nosniff, so a
 * file cannot run as a page of ours.
 */
export function attachmentResponse(
  attachment: { filename: string; contentType: string; sizeBytes: number; data: Uint8Array } | null,
): Response {
  if (!attachment) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  const name = sanitizeAttachmentFilename(attachment.filename) || "attachment";
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Buffer.from(attachment.data), {
    status: 200,
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(attachment.sizeBytes),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
