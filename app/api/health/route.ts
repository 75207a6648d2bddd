import { db } from "@/server/db";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 with the reason otherwise
export async function GET() {
  const report = await checkHealth(db);
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
