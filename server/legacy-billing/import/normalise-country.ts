/**
 * Legacy rows store countries as ISO codes, names or lower case ("CA",
 * "Canada", "ca", "United States"). Returns the ISO 3166-1 alpha-2 code, or
 * null when the value names no country. Names come from the runtime's ICU
 * data (Intl.DisplayNames), so no list is kept here.
 */
/** Codes ICU names that are not countries. */
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO"]);
let byName: Map<string, string> | null = null;

function names(): Map<string, string> {
  if (byName) return byName;
  const display = new Intl.DisplayNames(["en"], { type: "region" });
  byName = new Map();
  const A = "A".charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      const name = display.of(code);
      // Unassigned codes come back unchanged.
      if (name && name !== code && !NOT_COUNTRIES.has(code)) {
        byName.set(code, code);
        byName.set(name.toLowerCase(), code);
      }
    }
  }
  byName.set("usa", "US");
  byName.set("uk", "GB");
  return byName;
}

export function normaliseCountry(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const map = names();
  return map.get(v.toUpperCase()) ?? map.get(v.toLowerCase()) ?? null;
}
