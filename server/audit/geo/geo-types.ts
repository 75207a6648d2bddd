/** Where an IP address is, as far as the geolocation provider knows. */
export interface GeoLocation {
  country: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string | null;
  /** Region or state name (ip-api's `regionName`). */
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  isp: string | null;
  org: string | null;
  /** Autonomous system as the provider prints it, e.g. "AS15169 Google LLC". */
  asn: string | null;
}

/**
 * The provider's rate-limit headers (ip-api: X-Rl requests left in the
 * current window, X-Ttl seconds until it resets); null when absent.
 */
export interface RateLimitInfo {
  remaining: number | null;
  ttlSec: number | null;
}

export type GeoLookupOk = { kind: "ok" } & GeoLocation & RateLimitInfo;

/** The provider refuses to answer now; nothing more may be asked for `retryAfterSec`. */
export interface GeoLookupRateLimited {
  kind: "rate_limited";
  retryAfterSec: number;
}

export type GeoLookupFailed = {
  kind: "failed";
  /** Short cause for logs and the audit row: "timeout", "http 500", "invalid query", … */
  reason: string;
  /** ip-api's `message` when it answered `status: "fail"` ("private range", "reserved range", "invalid query"). */
  providerMessage: string | null;
} & RateLimitInfo;

export type GeoLookupResult = GeoLookupOk | GeoLookupRateLimited | GeoLookupFailed;
