import { db } from "@/server/db";
import { checkHealth } from "@/server/health";
import { backgroundJobsReport } from "@/server/ops/background-jobs-report";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers (with background-job health:
// queue ages, last cron runs, `jobs.stalled` for monitors), 503 with the reason otherwise.
// A stalled job does not turn this into a 503: the load balancer must keep
// serving requests; a monitor alerts on `jobs.stalled` instead.
export async function GET() {
  const report = await checkHealth(db);
  if (!report.ok) return Response.json(report, { status: 503, headers: { "cache-control": "no-store" } });
  const jobs = await backgroundJobsReport(db).catch((error: unknown) => ({
    error: `background-job health unavailable: ${error instanceof Error ? error.message : String(error)}`,
  }));
  return Response.json({ ...report, jobs }, { headers: { "cache-control": "no-store" } });
}
