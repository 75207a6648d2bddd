import { db } from "@/server/db";
import { openEmailBody } from "@/server/mail/sealed-email-body";

/**
 * An outbox row with its real body (links unmasked), as the sender would
 * send it. The row itself only keeps a masked preview; tests that follow a
 * mailed link read it through here.
 */
export async function openOutboxEmail(id: string) {
  const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
  if (!row.sealedBody) throw new Error(`Outbox message ${id} has no sealed body (already sent or purged)`);
  return { ...row, ...openEmailBody(row.sealedBody) };
}
