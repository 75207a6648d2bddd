import { logger } from "../../logger";
import { classifyIp, type IpClass } from "../../net/ip-classify";
import type { GeoLocation, GeoLookupResult } from "./geo-types";

/** A login-audit row still waiting for geolocation. */
export interface PendingGeoRow {
  id: string;
  ip: string;
}

/** A stored result for an IP, as the cache hands it back. */
export interface CachedGeo extends GeoLocation {
  hostname: string | null;
}

/** Everything with side effects, injected so the batch logic stays testable. */
export interface GeoBatchDeps {
  /** A result recorded for this IP within the cache period (30 days), or null. */
  findCached(ip: string): Promise<CachedGeo | null>;
  /** One provider call; see `lookupGeo`. */
  lookupGeo(ip: string): Promise<GeoLookupResult>;
  /** PTR host name or null; see `reverseLookup`. Must not throw. */
  reverseLookup(ip: string): Promise<string | null>;
}

/** What to write to one row. Rows are independent: persist each on its own. */
export type GeoRowOutcome =
  | { id: string; ip: string; state: "private"; reason: string }
  | { id: string; ip: string; state: "done"; source: "cache" | "lookup"; location: GeoLocation; hostname: string | null }
  | { id: string; ip: string; state: "failed"; reason: string; hostname: string | null }
  | { id: string; ip: string; state: "pending"; reason: "rate_limited" };

export interface GeoBatchResult {
  /** One outcome per input row, in input order. */
  outcomes: GeoRowOutcome[];
  /** Provider calls made. */
  lookups: number;
  /** Set when the provider's limit was reached; rows still needing a lookup stay pending. */
  rateLimited: { retryAfterSec: number } | null;
}

export interface GeoBatchPlan {
  /** Rows whose address has no public location: no lookup, no cache read. */
  privateRows: Array<{ row: PendingGeoRow; ipClass: IpClass }>;
  /** Remaining rows grouped by address, in first-seen order, so each address is resolved once. */
  groups: Array<{ ip: string; rows: PendingGeoRow[] }>;
}

// ip-api's answers for addresses it will never locate; our classifier does not
// know every reserved block (e.g. documentation ranges), the provider does.
const PROVIDER_PRIVATE = new Set(["private range", "reserved range"]);
const FALLBACK_RETRY_AFTER_SEC = 60;

const keyOf = (ip: string) => ip.trim().toLowerCase();

/**
 * Splits pending rows into private ones (private, loopback, link-local,
 * metadata, unspecified or not an IP at all) and groups of public addresses
 * to resolve, one group per distinct address. Pure.
 */
export function planGeoBatch(rows: readonly PendingGeoRow[]): GeoBatchPlan {
  const privateRows: GeoBatchPlan["privateRows"] = [];
  const groups = new Map<string, { ip: string; rows: PendingGeoRow[] }>();
  for (const row of rows) {
    const ipClass = classifyIp(row.ip);
    if (ipClass !== "public") {
      privateRows.push({ row, ipClass });
      continue;
    }
    const key = keyOf(row.ip);
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { ip: key, rows: [row] });
  }
  return { privateRows, groups: [...groups.values()] };
}

function locationOf(source: GeoLocation): GeoLocation {
  const { country, countryCode, region, city, lat, lon, isp, org, asn } = source;
  return { country, countryCode, region, city, lat, lon, isp, org, asn };
}

type GroupOutcome =
  | { state: "private"; reason: string }
  | { state: "done"; source: "cache" | "lookup"; location: GeoLocation; hostname: string | null }
  | { state: "failed"; reason: string; hostname: string | null }
  | { state: "pending"; reason: "rate_limited" };

async function cached(deps: GeoBatchDeps, ip: string): Promise<GroupOutcome | null> {
  try {
    const hit = await deps.findCached(ip);
    return hit ? { state: "done", source: "cache", location: locationOf(hit), hostname: hit.hostname } : null;
  } catch (error) {
    // The cache only saves a call; a broken read must not cost the row its lookup.
    logger.warn("geo cache read failed", { ip, error });
    return null;
  }
}

/**
 * Resolves a batch of pending rows. Private addresses are marked without any
 * call; an address with a cached result (last 30 days) reuses it; otherwise
 * the provider and reverse DNS are asked, once per distinct address, one
 * address at a time. When the provider says its limit is reached (429, or
 * X-Rl: 0 on an answer) no further calls are made and rows that still need
 * one stay pending. A failure is recorded on its own rows only. Never throws
 * for a row's sake.
 */
export async function enrichBatch(rows: readonly PendingGeoRow[], deps: GeoBatchDeps): Promise<GeoBatchResult> {
  const plan = planGeoBatch(rows);
  const byRow = new Map<PendingGeoRow, GroupOutcome>();
  for (const { row, ipClass } of plan.privateRows) byRow.set(row, { state: "private", reason: ipClass });

  let lookups = 0;
  let rateLimited: GeoBatchResult["rateLimited"] = null;
  for (const group of plan.groups) {
    let outcome = await cached(deps, group.ip);
    if (!outcome && rateLimited) outcome = { state: "pending", reason: "rate_limited" };
    if (!outcome) {
      lookups += 1;
      let result: GeoLookupResult;
      let hostname: string | null = null;
      try {
        [result, hostname] = await Promise.all([deps.lookupGeo(group.ip), deps.reverseLookup(group.ip).catch(() => null)]);
      } catch (error) {
        logger.warn("geo lookup threw", { ip: group.ip, error });
        result = { kind: "failed", reason: "lookup error", providerMessage: null, remaining: null, ttlSec: null };
      }
      if (result.kind === "rate_limited") {
        rateLimited = { retryAfterSec: result.retryAfterSec };
        outcome = { state: "pending", reason: "rate_limited" };
      } else {
        if (result.remaining === 0) rateLimited = { retryAfterSec: result.ttlSec ?? FALLBACK_RETRY_AFTER_SEC };
        if (result.kind === "ok") {
          outcome = { state: "done", source: "lookup", location: locationOf(result), hostname };
        } else if (result.providerMessage && PROVIDER_PRIVATE.has(result.providerMessage)) {
          outcome = { state: "private", reason: result.providerMessage };
        } else {
          outcome = { state: "failed", reason: result.reason, hostname };
        }
      }
    }
    for (const row of group.rows) byRow.set(row, outcome);
  }

  const outcomes = rows.map((row): GeoRowOutcome => {
    const outcome = byRow.get(row) ?? { state: "failed", reason: "not processed", hostname: null };
    return { id: row.id, ip: row.ip, ...outcome };
  });
  return { outcomes, lookups, rateLimited };
}
