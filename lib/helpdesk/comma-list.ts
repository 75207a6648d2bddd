/** A form's comma-separated field (services, serials, tags) as a list: trimmed, blanks dropped. */
export function splitCommaList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
