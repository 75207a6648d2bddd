/**
 * Faults the fake Vtiger can be told to inject, and the bookkeeping that
 * decides which request gets which fault. Test code only.
 */

interface FaultScope {
  /** Lower-case operation names the fault applies to (all when omitted). */
  operations?: string[];
  /** How many requests it hits before wearing off (until cleared when omitted). */
  times?: number;
}

export type FakeVtigerFault =
  /** Answer HTTP 500 with an HTML body, as a broken PHP backend does. */
  | ({ type: "http_500" } & FaultScope)
  /** Never answer: the request hangs until the client gives up. */
  | ({ type: "timeout" } & FaultScope)
  /** Perform the operation, then cut the connection without answering (lost response). */
  | ({ type: "drop_response" } & FaultScope)
  /** Answer 429 with Retry-After and remaining=0 headers without performing anything. */
  | ({ type: "rate_limit"; retryAfterSeconds?: number } & FaultScope)
  /** Perform the operation but report X-FloodControl-Remaining: 0 until `resetInSeconds` from now. */
  | ({ type: "exhaust_quota"; resetInSeconds: number } & FaultScope)
  /** Refuse logins with INVALID_USER_CREDENTIALS (and end open sessions unless keepSessions). */
  | ({ type: "invalid_credentials"; keepSessions?: boolean } & FaultScope)
  /** End every open session now: the next call gets INVALID_SESSIONID. */
  | { type: "expire_session" }
  /** Answer {success:false, error:{code, message}} without performing anything. */
  | ({ type: "error"; code: string; message?: string } & FaultScope);

type ScopedFault = Exclude<FakeVtigerFault, { type: "expire_session" }>;

/** Active faults, matched in the order they were set. */
export class FaultBoard {
  private faults: { fault: ScopedFault; left: number }[] = [];

  add(fault: ScopedFault): void {
    this.faults.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  list(): ScopedFault[] {
    return this.faults.map((f) => f.fault);
  }

  /** The first fault of the given types that applies to `operation`, consuming one use. */
  take<T extends ScopedFault["type"]>(operation: string, types: T[]): Extract<ScopedFault, { type: T }> | undefined {
    for (const entry of this.faults) {
      const f = entry.fault;
      if (!types.includes(f.type as T)) continue;
      if (f.operations && !f.operations.map((o) => o.toLowerCase()).includes(operation)) continue;
      entry.left -= 1;
      if (entry.left <= 0) this.faults = this.faults.filter((x) => x !== entry);
      return f as Extract<ScopedFault, { type: T }>;
    }
    return undefined;
  }
}

/** Validates a fault received as JSON by the control API. */
export function parseFault(input: unknown): FakeVtigerFault {
  const f = input as { type?: unknown } | null;
  const types = ["http_500", "timeout", "drop_response", "rate_limit", "exhaust_quota", "invalid_credentials", "expire_session", "error"];
  if (!f || typeof f.type !== "string" || !types.includes(f.type)) {
    throw new Error(`fault.type must be one of ${types.join(", ")}`);
  }
  if (f.type === "error" && typeof (f as { code?: unknown }).code !== "string") throw new Error("an error fault needs a code");
  if (f.type === "exhaust_quota" && typeof (f as { resetInSeconds?: unknown }).resetInSeconds !== "number") {
    throw new Error("exhaust_quota needs resetInSeconds");
  }
  return f as FakeVtigerFault;
}
