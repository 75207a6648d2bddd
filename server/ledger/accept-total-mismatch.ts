/**
 * Settling a total mismatch: Stripe or Lago says one total, the legacy row
 * another, and the invoice may not post until an admin accepts one side with
 * a note. Accepting the legacy total posts the draft as ingested; accepting
 * the processor's adds a line pair to the draft (receivables and Other
 * income, by the difference), so receivables match what was really charged.
 * Who, when, the side and the note are kept on the invoice.
 */
import { Decimal } from "decimal.js";
import type { Db } from "@/server/db";
import type { AcceptTotalMismatchInput } from "@/lib/validators/ledger";
import { ledgerError, withLedgerRules } from "./ledger-errors";
import { processorName } from "./verify-legacy-invoices";
import { appendDraftLines } from "./write-entry";

export async function acceptTotalMismatch(db: Db, input: AcceptTotalMismatchInput, userId: string, now = new Date()): Promise<void> {
  await withLedgerRules(() =>
    db.$transaction(async (tx) => {
      const invoice = await tx.ledgerSourceInvoice.findUnique({ where: { id: input.id } });
      if (!invoice) throw ledgerError("not_found", "That invoice is not in the ledger");
      if (invoice.processorTotal === null) throw ledgerError("invalid_state", "This invoice's totals agree: there is nothing to accept");
      const entry = invoice.entryId ? await tx.ledgerEntry.findUnique({ where: { id: invoice.entryId }, select: { state: true } }) : null;
      if (!entry || entry.state !== "draft") throw ledgerError("invalid_state", "Only a draft waiting to post can be settled");
      const name = processorName(invoice.processorId);
      // Conditional on still being open: two admins settling at once settle once.
      const claimed = await tx.ledgerSourceInvoice.updateMany({
        where: { id: invoice.id, mismatchAt: null },
        data: {
          mismatchAccepted: input.side,
          mismatchNote: input.note,
          mismatchById: userId,
          mismatchAt: now,
          verifyReason: `${input.side === "processor" ? `${name}'s` : "The legacy"} total accepted (${name} ${invoice.processorTotal.toFixed(2)}, legacy ${invoice.total.toFixed(2)})`,
        },
      });
      if (claimed.count === 0) throw ledgerError("invalid_state", "This mismatch was already settled");
      if (input.side === "legacy") return;
      const difference = new Decimal(invoice.processorTotal.toString()).minus(invoice.total.toString());
      await appendDraftLines(tx, invoice.entryId!, [
        { account: "receivables", description: `Adjusted to ${name}'s total`, amount: difference },
        { account: "income:other", description: `Difference to ${name}'s total`, amount: difference.negated(), family: "other" },
      ]);
    }),
  );
}
