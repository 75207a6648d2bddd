/**
 * Errors from the legacy billing database, phrased for the admin who typed
 * its URL. The driver's own text never reaches a page: it can carry the
 * server's version, paths or the user name.
 */
export type LegacySourceErrorCode = "invalid_url" | "unreachable" | "auth" | "no_database" | "schema" | "read_failed";

export class LegacySourceError extends Error {
  override name = "LegacySourceError";
  constructor(
    readonly code: LegacySourceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** host:port/database of a URL, the only part of it ever shown. */
export function describeLegacyUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** Checks the URL's shape before any connection is tried. */
export function assertLegacyUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LegacySourceError("invalid_url", "The legacy database URL is not a valid URL (expected postgres://user:password@host:5432/database)");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new LegacySourceError("invalid_url", `The legacy database URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  if (!parsed.hostname) throw new LegacySourceError("invalid_url", "The legacy database URL has no host");
  if (parsed.pathname.replace(/^\//, "") === "") throw new LegacySourceError("invalid_url", "The legacy database URL names no database (…/database at the end)");
  return parsed;
}

/** Turns a pg connection failure into a LegacySourceError naming the problem. */
export function mapLegacyConnectionError(error: unknown, url: string): LegacySourceError {
  if (error instanceof LegacySourceError) return error;
  const where = describeLegacyUrl(url);
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
    case "ECONNRESET":
      return new LegacySourceError("unreachable", `Cannot reach the legacy database server at ${where} (${code === "ENOTFOUND" || code === "EAI_AGAIN" ? "unknown host" : "connection refused or timed out"})`);
    case "28P01":
    case "28000":
      return new LegacySourceError("auth", `The legacy database at ${where} refused the user name or password`);
    case "3D000":
      return new LegacySourceError("no_database", `There is no database ${new URL(url).pathname.slice(1)} on the legacy server at ${describeLegacyUrl(url).split("/")[0]}`);
    default:
      if (/timeout/i.test(message)) return new LegacySourceError("unreachable", `Cannot reach the legacy database server at ${where} (timed out)`);
      return new LegacySourceError("read_failed", `The legacy database at ${where} could not be read${code ? ` (error ${code})` : ""}`);
  }
}
