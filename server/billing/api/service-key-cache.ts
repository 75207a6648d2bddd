/**
 * A short-lived, in-process memory of which service an API key's SHA-256
 * belongs to, so a busy source app (100-event calls, many a second) does not
 * pay a database round trip per request just to be recognised. Only hashes
 * are kept, never the key; a miss, an unknown key or a deactivated service
 * always goes to the database. Rotating a key or changing a service forgets
 * every entry in this process at once; other app instances see the change
 * within CACHE_MS, the bound we accept for a revoked key.
 */
import type { ApiService } from "./api-handler";

const CACHE_MS = 5_000;
/** A flood of random keys cannot grow the map: past this many entries it starts again. */
const MAX_ENTRIES = 1_000;

const entries = new Map<string, { service: ApiService; expiresAt: number }>();

export function cachedServiceForKeyHash(keyHash: string, now = Date.now()): ApiService | null {
  const entry = entries.get(keyHash);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    entries.delete(keyHash);
    return null;
  }
  return entry.service;
}

export function rememberServiceForKeyHash(keyHash: string, service: ApiService, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(keyHash, { service, expiresAt: now + CACHE_MS });
}

/** Called whenever a service's key, state or limit changes. */
export function forgetServiceKeys(): void {
  entries.clear();
}
