/** How much of the description search looks at: the start says what a ticket is about. */
export const SEARCHED_DESCRIPTION_CHARS = 2000;

/**
 * The text ticket search matches against, stored lower-cased in
 * Ticket.searchText (trigram-indexed). Keep in step with the backfill in
 * migration 20261121055751_helpdesk_search_text.
 */
export function ticketSearchText(t: {
  number: string;
  subject: string;
  reporterName: string;
  reporterEmail: string;
  serviceAddress?: string | null;
  description: string;
}): string {
  return [t.number, t.subject, t.reporterName, t.reporterEmail, t.serviceAddress, t.description.slice(0, SEARCHED_DESCRIPTION_CHARS)]
    .filter((part): part is string => typeof part === "string" && part !== "")
    .join(" ")
    .toLowerCase();
}
