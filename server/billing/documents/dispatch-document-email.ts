/** After-commit hand-off of a credit note's e-mail (credit notes are created outside period close). */
import { db } from "@/server/db";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { billingConfig } from "../billing-config";
import { enqueueCreditNoteEmail } from "./document-emails";

export async function dispatchCreditNoteEmail(creditNoteId: string): Promise<void> {
  const cfg = billingConfig();
  const id = await enqueueCreditNoteEmail(db, creditNoteId, { appUrl: cfg.appUrl, secret: cfg.documentSecret });
  if (id) await dispatchOutboxEmails([id]);
}
