import { appEnv } from "@/server/config-readers";
import type { Prisma } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { getAuditSettings } from "./audit-settings";
import { enrichBatch, type CachedGeo, type GeoRowOutcome } from "./geo/enrich-geo-batch";
import { lookupGeo } from "./geo/lookup-geo";
import { reverseLookup } from "./reverse-dns";

/** A provider answer for an address is reused for this long. */
export const GEO_CACHE_DAYS = 30;
/** Rows per run; at ip-api's free 45 requests a minute, repeated addresses and the cache do the rest. */
export const GEO_BATCH_SIZE = 100;

export interface EnrichLoginGeoOptions {
  /** ip-api-compatible URL template with `{ip}`. */
  endpoint: string;
  timeoutMs: number;
  reverseDnsTimeoutMs: number;
  batchSize?: number;
  now?: Date;
  /** Injected in tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
  /** Injected in tests (a local DNS server); the system resolver otherwise. */
  reverseLookup?: (ip: string) => Promise<string | null>;
}

export interface EnrichLoginGeoSummary {
  processed: number;
  done: number;
  fromCache: number;
  private: number;
  failed: number;
  /** Rows left pending because the provider's limit was reached. */
  leftPending: number;
  /** Rows whose update failed (they stay pending for the next run). */
  writeErrors: number;
  lookups: number;
  rateLimited: { retryAfterSec: number } | null;
}

const DAY_MS = 86_400_000;

function rowUpdate(outcome: GeoRowOutcome, now: Date, lookedUpAt: Map<string, Date>): Prisma.LoginEventUpdateManyMutationInput | null {
  switch (outcome.state) {
    case "pending":
      return null;
    case "private":
      return { geoState: "PRIVATE", geoNote: outcome.reason.slice(0, 100) };
    case "failed":
      return { geoState: "FAILED", geoNote: outcome.reason.slice(0, 255), hostname: outcome.hostname };
    case "done": {
      const { location } = outcome;
      return {
        geoState: "DONE",
        geoNote: outcome.source === "cache" ? "cache" : null,
        geoLookedUpAt: outcome.source === "cache" ? (lookedUpAt.get(outcome.ip) ?? now) : now,
        country: location.country,
        countryCode: location.countryCode,
        region: location.region,
        city: location.city,
        latitude: location.lat,
        longitude: location.lon,
        isp: location.isp ?? location.org,
        asn: location.asn,
        hostname: outcome.hostname,
      };
    }
  }
}

/**
 * Geolocates the oldest pending login-audit rows. Private, loopback and
 * link-local addresses are marked PRIVATE without any call; an address with a
 * provider answer from the last 30 days reuses it; otherwise the endpoint and
 * reverse DNS are asked (short timeouts). When the provider signals its limit
 * (X-Rl: 0 or HTTP 429) the run stops asking and the remaining rows stay
 * pending for the next run. Each row is written on its own, so one bad row
 * never undoes the others.
 */
export async function enrichPendingLoginGeo(db: DbOrTx, options: EnrichLoginGeoOptions): Promise<EnrichLoginGeoSummary> {
  const now = options.now ?? new Date();
  const rows = await db.loginEvent.findMany({
    where: { geoState: "PENDING" },
    orderBy: { occurredAt: "asc" },
    take: options.batchSize ?? GEO_BATCH_SIZE,
    select: { id: true, ip: true },
  });
  const cacheSince = new Date(now.getTime() - GEO_CACHE_DAYS * DAY_MS);
  const lookedUpAt = new Map<string, Date>();

  const batch = await enrichBatch(rows, {
    findCached: async (ip): Promise<CachedGeo | null> => {
      const hit = await db.loginEvent.findFirst({
        where: { ip, geoState: "DONE", geoLookedUpAt: { gte: cacheSince } },
        orderBy: { geoLookedUpAt: "desc" },
      });
      if (!hit?.geoLookedUpAt) return null;
      lookedUpAt.set(ip, hit.geoLookedUpAt);
      return {
        country: hit.country,
        countryCode: hit.countryCode,
        region: hit.region,
        city: hit.city,
        lat: hit.latitude,
        lon: hit.longitude,
        isp: hit.isp,
        org: null,
        asn: hit.asn,
        hostname: hit.hostname,
      };
    },
    lookupGeo: (ip) => lookupGeo(ip, { endpoint: options.endpoint, timeoutMs: options.timeoutMs, fetchImpl: options.fetchImpl }),
    reverseLookup: options.reverseLookup ?? ((ip) => reverseLookup(ip, options.reverseDnsTimeoutMs)),
  });

  const summary: EnrichLoginGeoSummary = {
    processed: rows.length,
    done: 0,
    fromCache: 0,
    private: 0,
    failed: 0,
    leftPending: 0,
    writeErrors: 0,
    lookups: batch.lookups,
    rateLimited: batch.rateLimited,
  };
  for (const outcome of batch.outcomes) {
    const data = rowUpdate(outcome, now, lookedUpAt);
    if (!data) {
      summary.leftPending += 1;
      continue;
    }
    try {
      // Only a still-pending row is touched: a concurrent run may have got there first.
      await db.loginEvent.updateMany({ where: { id: outcome.id, geoState: "PENDING" }, data });
      if (outcome.state === "done") {
        summary.done += 1;
        if (outcome.source === "cache") summary.fromCache += 1;
      } else if (outcome.state === "private") summary.private += 1;
      else summary.failed += 1;
    } catch (error) {
      summary.writeErrors += 1;
      logger.error("audit.geo_write_failed", { id: outcome.id, error });
    }
  }
  if (batch.rateLimited) logger.info("audit.geo_rate_limited", { retryAfterSec: batch.rateLimited.retryAfterSec, leftPending: summary.leftPending });
  return summary;
}

/** One enrichment run with the saved settings and the environment (the job and the console's "Run now"). */
export async function runLoginGeoEnrichment(db: DbOrTx, now: Date = new Date()): Promise<EnrichLoginGeoSummary> {
  const [settings, env] = [await getAuditSettings(db), appEnv.audit()];
  return enrichPendingLoginGeo(db, {
    endpoint: settings.geoEndpoint ?? env.GEO_ENDPOINT,
    timeoutMs: env.GEO_TIMEOUT_MS,
    reverseDnsTimeoutMs: env.REVERSE_DNS_TIMEOUT_MS,
    now,
  });
}
