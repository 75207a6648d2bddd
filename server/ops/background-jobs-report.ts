/**
 * Everything an operator needs to see about background work, for /api/health
 * and the console's System status page: how jobs run here, whether schedules
 * can run at all, queue and schedule health, and this instance's inline
 * fallbacks.
 */
import { functions } from "@/inngest/functions";
import { getConfig } from "@/server/config";
import type { DbOrTx } from "@/server/db";
import { backgroundJobsMode, schedulesCanRun, type BackgroundJobsMode } from "./background-jobs-mode";
import { cronSchedules } from "./cron-runs";
import { checkJobHealth, type JobHealth } from "./job-health";
import { inlineFallbackCounts } from "./send-or-run-inline";

export interface BackgroundJobsReport extends JobHealth {
  mode: BackgroundJobsMode;
  /** False when no Inngest is configured or (in development) the Dev Server does not answer. */
  schedulesRunning: boolean;
  /** Hand-offs this instance ran in-process because inngest.send failed, by kind. */
  inlineFallbacks: Record<string, number>;
}

const DEV_SERVER_PROBE_TTL_MS = 30_000;
let probe: { at: number; up: boolean } | undefined;

/** Whether the Inngest Dev Server answers (cached: the console layout asks on every page). */
async function devServerUp(devSetting: string | undefined): Promise<boolean> {
  if (probe && Date.now() - probe.at < DEV_SERVER_PROBE_TTL_MS) return probe.up;
  const base = devSetting && /^https?:\/\//.test(devSetting) ? devSetting : "http://localhost:8288";
  let up = false;
  try {
    // Any HTTP answer means the Dev Server is listening; only a refused or silent port means it is not.
    const res = await fetch(new URL("/", base), { signal: AbortSignal.timeout(500) });
    await res.body?.cancel();
    up = true;
  } catch {
    up = false;
  }
  probe = { at: Date.now(), up };
  return up;
}

/** Tests: forget the last Dev Server probe. */
export function resetDevServerProbeForTests(): void {
  probe = undefined;
}

/** How jobs run here and whether schedules can run, without touching the database. */
export async function schedulesStatus(): Promise<{ mode: BackgroundJobsMode; schedulesRunning: boolean }> {
  const cfg = getConfig();
  const mode = backgroundJobsMode(cfg);
  const schedulesRunning = schedulesCanRun(mode) && (mode !== "dev-server" || (await devServerUp(cfg.INNGEST_DEV)));
  return { mode, schedulesRunning };
}

export async function backgroundJobsReport(db: DbOrTx, now = new Date()): Promise<BackgroundJobsReport> {
  const [status, health] = await Promise.all([schedulesStatus(), checkJobHealth(db, cronSchedules(functions), now)]);
  return { ...status, ...health, inlineFallbacks: inlineFallbackCounts() };
}
