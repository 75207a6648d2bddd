/**
 * What every connector's HTTP client does alike: one exchange under a
 * deadline, with a timeout told apart from a network failure (after a timeout
 * a write may have happened remotely, so the engine looks before it writes
 * again), and Retry-After read as seconds or an HTTP date.
 */
import { ConnectorError } from "../connector";

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The answer and its body text, or a ConnectorError: `timeout` past the deadline, `transient` for a network failure. */
export async function fetchWithDeadline(
  doFetch: typeof fetch,
  url: string,
  init: Omit<RequestInit, "signal">,
  call: { crm: string; operation: string; timeoutMs: number },
): Promise<{ res: Response; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  try {
    const res = await doFetch(url, { ...init, signal: controller.signal });
    return { res, text: await res.text() };
  } catch (err) {
    if (controller.signal.aborted) {
      throw new ConnectorError("timeout", `${call.crm} did not answer ${call.operation} within ${call.timeoutMs} ms`, {
        operation: call.operation,
        cause: err,
      });
    }
    const detail = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new ConnectorError("transient", `Network error calling ${call.crm} ${call.operation}: ${detail}`, { operation: call.operation, cause: err });
  } finally {
    clearTimeout(timer);
  }
}
