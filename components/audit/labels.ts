import type { LoginEventKindValue, LoginFailureReasonValue, LoginResultValue } from "@/lib/validators/audit";

/** Words for the login audit's stored codes (safe for client code). */
export const RESULT_LABELS: Record<LoginResultValue, string> = { SUCCESS: "Success", FAILURE: "Failure" };

export const REASON_LABELS: Record<LoginFailureReasonValue, string> = {
  BAD_PASSWORD: "Wrong password",
  UNKNOWN_USER: "Unknown user",
  DISABLED_USER: "Disabled user",
  EXPIRED_LINK: "Expired sign-in link",
  INVALID_LINK: "Used or invalid sign-in link",
  RATE_LIMITED: "Rate limited",
  BLOCKED_ADDRESS: "Blocked address",
  OTHER: "Other",
};

export const KIND_LABELS: Record<LoginEventKindValue, string> = {
  SIGN_IN: "Sign-in",
  MAGIC_LINK_REQUEST: "Link requested",
  SIGN_OUT: "Sign-out",
};

export const METHOD_LABELS: Record<"PASSWORD" | "MAGIC_LINK", string> = { PASSWORD: "Password", MAGIC_LINK: "E-mail link" };

export const DEVICE_LABELS: Record<"DESKTOP" | "MOBILE" | "TABLET" | "BOT" | "UNKNOWN", string> = {
  DESKTOP: "Desktop",
  MOBILE: "Mobile",
  TABLET: "Tablet",
  BOT: "Bot or script",
  UNKNOWN: "Unknown device",
};

export const GEO_STATE_LABELS: Record<"PENDING" | "DONE" | "PRIVATE" | "FAILED", string> = {
  PENDING: "Not looked up yet",
  DONE: "Located",
  PRIVATE: "Private network",
  FAILED: "Lookup failed",
};

/** "London, United Kingdom" / "Private network" / "No address" / "—". */
export function placeOf(row: {
  geoState: keyof typeof GEO_STATE_LABELS;
  city: string | null;
  country: string | null;
  countryCode: string | null;
  ip?: string;
}): string {
  // Recorded without a usable client address (see server/auth/request-context.ts).
  if (row.ip === "unknown") return "No address";
  if (row.geoState === "PRIVATE") return "Private network";
  const country = row.country ?? row.countryCode;
  if (row.city && country) return `${row.city}, ${country}`;
  return country ?? (row.geoState === "PENDING" ? "Pending" : "—");
}
