/**
 * Faults the fake Ascora injects on request, matched by path prefix (and
 * method, when given) and worn off after `times` requests. Test code only.
 */
export type FakeAscoraFault = FaultKind & {
  /** Only requests of this method (e.g. "POST"); any when absent. */
  method?: string;
};

type FaultKind =
  /** 401 as for a wrong password, without performing anything. */
  | { type: "unauthorized"; path?: string; times?: number }
  /** 429 with Retry-After, without performing anything. */
  | { type: "rate_limit"; retryAfterSeconds?: number; path?: string; times?: number }
  /** 500 with an HTML body, without performing anything. */
  | { type: "http_500"; path?: string; times?: number }
  /** Performs the request, then holds the answer `delayMs` (past the client's timeout). */
  | { type: "timeout_after_success"; delayMs?: number; path?: string; times?: number };

const TYPES = ["unauthorized", "rate_limit", "http_500", "timeout_after_success"];

export class FaultBoard {
  private faults: { fault: FakeAscoraFault; left: number }[] = [];

  add(fault: FakeAscoraFault): void {
    this.faults.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault for this request, consuming one use. */
  take(path: string, method: string): FakeAscoraFault | undefined {
    const lower = path.toLowerCase();
    for (const entry of this.faults) {
      if (entry.fault.path && !lower.startsWith(entry.fault.path.toLowerCase())) continue;
      if (entry.fault.method && entry.fault.method.toUpperCase() !== method.toUpperCase()) continue;
      entry.left -= 1;
      if (entry.left <= 0) this.faults = this.faults.filter((f) => f !== entry);
      return entry.fault;
    }
    return undefined;
  }
}

export function parseFault(input: unknown): FakeAscoraFault {
  const f = input as { type?: unknown } | null;
  if (!f || typeof f.type !== "string" || !TYPES.includes(f.type)) throw new Error(`fault.type must be one of ${TYPES.join(", ")}`);
  return f as FakeAscoraFault;
}
