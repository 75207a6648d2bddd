import type { TRPCError } from "@trpc/server";

/**
 * A problem with the request itself rather than with a domain rule: a body
 * over its cap, bytes PostgreSQL cannot store, an unreadable path. The error
 * mapper answers it with its status and message as they are.
 */
export class RequestError extends Error {
  override name = "RequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly trpcCode: TRPCError["code"],
    message: string,
    readonly field: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A string or key somewhere in the input that cannot be stored (see lib/validators/text.ts). */
export function unstorableInput(path: string, message: string): RequestError {
  return new RequestError(422, "invalid_text", "BAD_REQUEST", message, path);
}

export function payloadTooLarge(maxBytes: number): RequestError {
  return new RequestError(413, "payload_too_large", "PAYLOAD_TOO_LARGE", `The request body may be at most ${formatBytes(maxBytes)}`, null, {
    max_bytes: maxBytes,
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
