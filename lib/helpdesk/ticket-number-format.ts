/**
 * Ticket numbers look like `TCK-7KQ4MZ2XHD9P`: a fixed prefix and 12 characters
 * from an alphabet without 0/O and 1/I, so numbers read aloud or typed from a
 * printed e-mail survive. 32 symbols give 60 random bits per number.
 */
export const TICKET_NUMBER_PREFIX = "TCK-";
export const TICKET_NUMBER_LENGTH = 12;
export const TICKET_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const TICKET_NUMBER_PATTERN = /^TCK-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/;

/** Whether `value` is exactly a well-formed ticket number (case-sensitive, no spaces). */
export function isTicketNumber(value: unknown): value is string {
  return typeof value === "string" && TICKET_NUMBER_PATTERN.test(value);
}

/**
 * Reads a ticket number as a person types it (" tck-7kq4mz2xhd9p", or the 12
 * characters without the prefix) and returns the canonical form, or null when
 * it cannot be one. Use for search boxes and URL segments.
 */
export function normalizeTicketNumber(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/\s+/g, "");
  const candidate = compact.startsWith(TICKET_NUMBER_PREFIX)
    ? compact
    : `${TICKET_NUMBER_PREFIX}${compact}`;
  return isTicketNumber(candidate) ? candidate : null;
}
