import type { DbOrTx } from "@/server/db";
import { dispatchOutboxEmails } from "./dispatch-outbox-emails";
import { readMailEnv } from "./mail-config";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  category?: string;
}

/**
 * Writes a message to the outbox (inside the caller's transaction when given
 * one). With SMTP configured it waits for delivery; without, it is kept as
 * NOT_SENT for reading on the Outbox page. Pass `dispatch: true` only outside
 * a transaction; inside one, call dispatchOutboxEmails(ids) after commit.
 */
export async function enqueueEmail(
  db: DbOrTx,
  email: OutgoingEmail,
  opts: { dispatch?: boolean } = {},
): Promise<string> {
  const smtpConfigured = Boolean(readMailEnv().SMTP_URL);
  const row = await db.outboxEmail.create({
    data: {
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      category: email.category ?? "general",
      status: smtpConfigured ? "PENDING" : "NOT_SENT",
    },
    select: { id: true },
  });
  if (opts.dispatch && smtpConfigured) await dispatchOutboxEmails([row.id]);
  return row.id;
}
