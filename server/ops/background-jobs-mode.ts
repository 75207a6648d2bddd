/**
 * How this instance runs background work, derived from the INNGEST_* settings
 * (the Inngest SDK reads the same variables itself):
 * - "cloud": Inngest Cloud (event and signing keys, no base URL);
 * - "self-hosted": a self-hosted Inngest server at INNGEST_BASE_URL;
 * - "dev-server": the Inngest Dev Server (INNGEST_DEV), development only;
 * - "inline": BACKGROUND_JOBS=inline, no Inngest at all: work after a request
 *   runs in the request's process and no schedule ever runs (test stacks);
 * - "unconfigured": nothing set; sends fail and fall back to inline work.
 */
export type BackgroundJobsMode = "cloud" | "self-hosted" | "dev-server" | "inline" | "unconfigured";

export interface JobsSettings {
  NODE_ENV: "development" | "test" | "production";
  BACKGROUND_JOBS: "inngest" | "inline";
  INNGEST_EVENT_KEY?: string;
  INNGEST_SIGNING_KEY?: string;
  INNGEST_BASE_URL?: string;
  INNGEST_DEV?: string;
}

const isSet = (v: string | undefined) => v !== undefined && v.trim() !== "" && v !== "0" && v !== "false";

export function backgroundJobsMode(s: JobsSettings): BackgroundJobsMode {
  if (s.BACKGROUND_JOBS === "inline") return "inline";
  if (isSet(s.INNGEST_DEV)) return "dev-server";
  if (isSet(s.INNGEST_BASE_URL)) return "self-hosted";
  if (isSet(s.INNGEST_EVENT_KEY) || isSet(s.INNGEST_SIGNING_KEY)) return "cloud";
  return "unconfigured";
}

/** Whether cron functions can run at all in this mode (the console banner's question). */
export function schedulesCanRun(mode: BackgroundJobsMode): boolean {
  return mode === "cloud" || mode === "self-hosted" || mode === "dev-server";
}

/**
 * What a production start lacks for background jobs, one line per problem
 * naming the variable; empty when complete. Production without Inngest would
 * run no schedule at all (SLA sweeps, rating, dunning, reminders, retries).
 */
export function productionJobsProblems(s: JobsSettings): string[] {
  if (s.NODE_ENV !== "production" || s.BACKGROUND_JOBS === "inline") return [];
  const problems: string[] = [];
  if (isSet(s.INNGEST_DEV)) problems.push("INNGEST_DEV: must be unset in production (dev mode skips Inngest's request signatures)");
  if (!isSet(s.INNGEST_EVENT_KEY)) problems.push("INNGEST_EVENT_KEY: missing (the key this app sends events with)");
  if (!isSet(s.INNGEST_SIGNING_KEY)) problems.push("INNGEST_SIGNING_KEY: missing (verifies that calls to /api/inngest come from Inngest)");
  const keyMissing = !isSet(s.INNGEST_EVENT_KEY) || !isSet(s.INNGEST_SIGNING_KEY);
  if (keyMissing && !isSet(s.INNGEST_BASE_URL)) {
    problems.push("INNGEST_BASE_URL: unset, so Inngest Cloud is assumed; set it to your self-hosted Inngest server's URL otherwise");
  }
  return problems;
}
