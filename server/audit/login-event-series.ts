import type { DbOrTx } from "@/server/db";

export interface LoginSeriesPoint {
  /** Start of the bucket (UTC). */
  at: Date;
  successes: number;
  failures: number;
}

export interface LoginSeries {
  bucket: "hour" | "day";
  points: LoginSeriesPoint[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function floorTo(time: number, size: number): number {
  return Math.floor(time / size) * size;
}

/**
 * Sign-in successes and failures per hour (1 day) or per day (longer), every
 * bucket present, for the chart. Counts sign-in attempts only (not link
 * requests or sign-outs). Buckets are computed in PostgreSQL from the stored
 * UTC times and returned as text, so no time-zone setting can shift them.
 * Unsafe by design of the data (provider-wide rows): admins only.
 */
export async function unsafeLoginEventSeries(db: DbOrTx, input: { days: number; now?: Date }): Promise<LoginSeries> {
  const now = (input.now ?? new Date()).getTime();
  const bucket = input.days <= 1 ? "hour" : "day";
  const size = bucket === "hour" ? HOUR : DAY;
  const first = floorTo(now - input.days * DAY, size) + size;
  const since = new Date(first).toISOString();

  const rows = await db.$queryRaw<Array<{ bucket: string; result: "SUCCESS" | "FAILURE"; n: number }>>`
    SELECT to_char(date_trunc(${bucket}, "occurredAt"), 'YYYY-MM-DD"T"HH24:00:00"Z"') AS bucket, result::text AS result, count(*)::int AS n
    FROM "LoginEvent"
    WHERE kind = 'SIGN_IN' AND "occurredAt" >= (${since}::timestamptz AT TIME ZONE 'UTC')
    GROUP BY 1, 2`;

  const byTime = new Map<number, LoginSeriesPoint>();
  for (let t = first; t <= now; t += size) byTime.set(t, { at: new Date(t), successes: 0, failures: 0 });
  for (const row of rows) {
    const point = byTime.get(Date.parse(row.bucket));
    if (!point) continue;
    if (row.result === "SUCCESS") point.successes += Number(row.n);
    else point.failures += Number(row.n);
  }
  return { bucket, points: [...byTime.values()] };
}
