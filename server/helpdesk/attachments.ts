import crypto from "node:crypto";
import {
  MAX_ATTACHMENT_BYTES,
  bytesMatchContentType,
  normalizeContentType,
} from "@/lib/helpdesk/attachment-rules";
import type { AttachmentInput } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import { invalidInput } from "./errors";

/**
 * Stores a message's files in PostgreSQL after checking each one's real size
 * and its first bytes against the declared type (the validator only saw the
 * base64 text). Throws an invalid_input error naming the attachment.
 */
export async function storeMessageAttachments(
  tx: DbOrTx,
  input: { ticketId: string; messageId: string; organisationId: string; files: readonly AttachmentInput[] },
): Promise<number> {
  let index = 0;
  for (const file of input.files) {
    const bytes = Buffer.from(file.data, "base64");
    const field = `attachments.${index}`;
    if (bytes.length === 0) throw invalidInput(field, `Attachment "${file.filename}" is empty`);
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw invalidInput(field, `Attachment "${file.filename}" is larger than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`);
    }
    const contentType = normalizeContentType(file.contentType);
    if (!bytesMatchContentType(contentType, bytes)) {
      throw invalidInput(field, `Attachment "${file.filename}" does not look like ${contentType}`);
    }
    await tx.ticketAttachment.create({
      data: {
        ticketId: input.ticketId,
        messageId: input.messageId,
        organisationId: input.organisationId,
        filename: file.filename,
        contentType,
        sizeBytes: bytes.length,
        sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
        data: bytes,
      },
    });
    index++;
  }
  return index;
}
