/**
 * The low-balance e-mail, at most once per card: the claim is a conditional
 * update of HourCard.lowBalanceNotifiedAt (only the transaction that flips it
 * from NULL queues a message), so parallel consumptions never send two.
 */
import { formatDecimalHours, formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import { appEnv } from "@/server/config-readers";
import type { DbOrTx } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { brandedEmail, emailButton, emailStatusLabel, escapeHtml } from "@/server/mail/templates/layout";

/** Who hears about a card: the active client admins of the customer's organisation, else the customer's own e-mail. */
async function lowBalanceRecipients(db: DbOrTx, customer: { email: string | null; organisationId: string | null }): Promise<string[]> {
  if (customer.organisationId) {
    const admins = await db.membership.findMany({
      where: { organisationId: customer.organisationId, role: "CLIENT_ADMIN", user: { disabledAt: null, deletedAt: null } },
      select: { user: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    if (admins.length) return admins.map((a) => a.user.email);
  }
  return customer.email ? [customer.email] : [];
}

/**
 * Claims the card's one low-balance notice and queues it in the caller's
 * transaction. Returns the first outbox id, or null when it was already sent
 * or nobody can receive it (the claim then still stands: "once" means once).
 */
export async function queueLowBalanceEmail(db: DbOrTx, cardId: string, balanceMinutes: number): Promise<string | null> {
  const claimed = await db.hourCard.updateMany({ where: { id: cardId, lowBalanceNotifiedAt: null }, data: { lowBalanceNotifiedAt: new Date() } });
  if (claimed.count === 0) return null;
  const card = await db.hourCard.findUniqueOrThrow({
    where: { id: cardId },
    select: { name: true, purchasedMinutes: true, customer: { select: { name: true, email: true, organisationId: true } } },
  });
  const recipients = await lowBalanceRecipients(db, card.customer);
  const link = `${appEnv.appUrl()}/my-tickets/hour-cards`;
  const subject = `Hour card "${card.name}" is running low: ${formatHoursMinutes(balanceMinutes)} left`;
  const text = [
    `The prepaid hour card "${card.name}" of ${card.customer.name} has ${formatHoursMinutes(balanceMinutes)} (${formatDecimalHours(balanceMinutes)}) left of ${formatHoursMinutes(card.purchasedMinutes)} purchased.`,
    "Top it up in time so support work can keep drawing on prepaid hours.",
    `See your cards: ${link}`,
  ].join("\n\n");
  const html = brandedEmail({
    title: subject,
    bodyHtml: `<p>${emailStatusLabel("Low balance", "danger")}</p>
<p>The prepaid hour card <strong>${escapeHtml(card.name)}</strong> of ${escapeHtml(card.customer.name)} has
<strong>${escapeHtml(formatHoursMinutes(balanceMinutes))}</strong> (${escapeHtml(formatDecimalHours(balanceMinutes))}) left of
${escapeHtml(formatHoursMinutes(card.purchasedMinutes))} purchased.</p>
<p>Top it up in time so support work can keep drawing on prepaid hours.</p>
<p>${emailButton("See your hour cards", link)}</p>`,
  });
  let firstId: string | null = null;
  for (const to of recipients) {
    const id = await enqueueEmail(db, { to, subject, text, html, category: "hour-card-low-balance" });
    firstId ??= id;
  }
  return firstId;
}
