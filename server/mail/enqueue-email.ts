import { appEnv } from "@/server/config-readers";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { maskTokens } from "@/server/security/mask-tokens";
import { dispatchOutboxEmails } from "./dispatch-outbox-emails";
import { sealEmailBody } from "./sealed-email-body";
import type { EmailAttachmentRef } from "./resolve-attachments";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  category?: string;
  /** Documents rendered and attached at send time (see resolve-attachments.ts). */
  attachments?: EmailAttachmentRef[];
}

/**
 * Writes a message to the outbox (inside the caller's transaction when given
 * one). The row keeps a preview with every link token masked; the real body
 * is sealed with MAIL_ENCRYPTION_KEY, so neither the Outbox page nor a copy of
 * the database yields a working link. With SMTP configured it waits for delivery; without, it is kept as
 * NOT_SENT for reading on the Outbox page. Pass `dispatch: true` only outside
 * a transaction; inside one, call dispatchOutboxEmails(ids) after commit.
 */
export async function enqueueEmail(
  db: DbOrTx,
  email: OutgoingEmail,
  opts: { dispatch?: boolean } = {},
): Promise<string> {
  const smtpConfigured = Boolean(appEnv.mail().SMTP_URL);
  const row = await db.outboxEmail.create({
    data: {
      to: email.to,
      subject: email.subject,
      text: maskTokens(email.text),
      html: email.html === undefined ? undefined : maskTokens(email.html),
      sealedBody: sealEmailBody({ text: email.text, html: email.html ?? null }),
      category: email.category ?? "general",
      ...(email.attachments?.length ? { attachments: email.attachments as unknown as Prisma.InputJsonValue } : {}),
      status: smtpConfigured ? "PENDING" : "NOT_SENT",
    },
    select: { id: true },
  });
  if (opts.dispatch && smtpConfigured) await dispatchOutboxEmails([row.id]);
  return row.id;
}
