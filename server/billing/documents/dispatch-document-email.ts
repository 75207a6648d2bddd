/** After-commit hand-off of a credit note's e-mail (credit notes are created outside period close). */
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueCreditNoteEmail } from "./document-emails";

export async function dispatchCreditNoteEmail(creditNoteId: string): Promise<void> {
  const cfg = appEnv.billing();
  const id = await enqueueCreditNoteEmail(db, creditNoteId, { appUrl: cfg.appUrl, secret: cfg.documentSecret });
  if (id) await dispatchOutboxEmails([id]);
}
