/**
 * The last run of every scheduled (cron) Inngest function, shared by all
 * instances in the CronRun table, so /api/health can say when a schedule
 * stopped. Written by the cron-run middleware of the Inngest client.
 */
import type { DbOrTx } from "@/server/db";

export const CRON_EVENT = "inngest/scheduled.timer";

/** Records one finished cron run: "ok", or "failed" once Inngest gave up retrying. */
export async function recordCronRun(db: DbOrTx, functionId: string, outcome: { ok: true } | { ok: false; error: string }, at = new Date()) {
  const data = outcome.ok ? { lastOkAt: at } : { lastFailedAt: at, lastError: outcome.error.slice(0, 500) };
  await db.cronRun.upsert({ where: { functionId }, create: { functionId, ...data }, update: data });
}

export interface CronSchedule {
  functionId: string;
  cron: string;
  /** The longest normal gap between two runs, in minutes. */
  periodMinutes: number;
}

/**
 * The period of the cron shapes our functions use ("* * * * *", "*∕N * * * *",
 * "M * * * *", "M H * * *", with an optional "TZ=… " prefix); anything else
 * counts as daily, the longest we schedule.
 */
export function cronPeriodMinutes(cron: string): number {
  const fields = cron.replace(/^TZ=\S+\s+/, "").trim().split(/\s+/);
  if (fields.length !== 5) return 1440;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (dom !== "*" || month !== "*" || dow !== "*") return 1440;
  if (hour === "*") {
    if (minute === "*") return 1;
    const every = /^\*\/(\d+)$/.exec(minute);
    if (every) return Number(every[1]);
    if (/^\d+$/.test(minute)) return 60;
  }
  return 1440;
}

type FunctionLike = { opts: { id?: string; triggers?: unknown } };

/** The cron schedules of these Inngest functions. */
export function cronSchedules(functions: readonly FunctionLike[]): CronSchedule[] {
  const schedules: CronSchedule[] = [];
  for (const fn of functions) {
    const triggers = Array.isArray(fn.opts.triggers) ? fn.opts.triggers : [fn.opts.triggers];
    for (const t of triggers) {
      if (fn.opts.id && t && typeof t === "object" && "cron" in t && typeof t.cron === "string") {
        schedules.push({ functionId: fn.opts.id, cron: t.cron, periodMinutes: cronPeriodMinutes(t.cron) });
      }
    }
  }
  return schedules;
}
