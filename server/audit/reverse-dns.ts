import { Resolver } from "node:dns/promises";
import net from "node:net";

/** The spec's budget for one PTR lookup inside the enrichment batch. */
export const DEFAULT_REVERSE_DNS_TIMEOUT_MS = 1500;

export interface ReverseLookupOptions {
  /** DNS servers to ask ("ip" or "ip:port"); the system's when absent. */
  servers?: string[];
}

// Whoever controls an IP controls its PTR record, so only plain host names are
// kept: anything else would be attacker-chosen text in our views and e-mails.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;

function cleanHostname(name: string | undefined): string | null {
  if (!name) return null;
  const host = name.trim().replace(/\.$/, "").toLowerCase();
  return HOSTNAME.test(host) ? host : null;
}

/**
 * The host name an IP address points back to (its first PTR record), or null
 * when there is none, the answer is not a plain host name, the address is
 * invalid, or no answer came within `timeoutMs`. Never throws.
 */
export async function reverseLookup(
  ip: string,
  timeoutMs: number = DEFAULT_REVERSE_DNS_TIMEOUT_MS,
  options: ReverseLookupOptions = {},
): Promise<string | null> {
  if (net.isIP(ip) === 0) return null;
  let resolver: Resolver;
  try {
    resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs)), tries: 1 });
    if (options.servers) resolver.setServers(options.servers);
  } catch {
    return null;
  }

  let timer: NodeJS.Timeout | undefined;
  // The resolver's own timeout is per attempt and per server; this caps the total.
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolver.cancel();
      resolve(null);
    }, timeoutMs);
  });
  const lookup = resolver.reverse(ip).then(
    (names) => cleanHostname(names[0]),
    () => null,
  );
  try {
    return await Promise.race([lookup, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
