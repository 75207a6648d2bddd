import { getSessionUser } from "@/server/auth/session";
import { getRunOrThrow } from "@/server/contract-migration/get-run";
import { runToCsv } from "@/server/contract-migration/run-csv";
import { db } from "@/server/db";
import { mapError } from "@/server/errors/map-error";

export const dynamic = "force-dynamic";

// GET /api/contract-migration/runs/<id>/csv – a migration run's per-item report (provider admins)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user || user.role !== "PROVIDER_ADMIN") {
    return Response.json({ code: "forbidden", message: "Only provider admins can download migration reports.", details: {} }, { status: 403 });
  }
  try {
    const run = await getRunOrThrow(db, (await params).id);
    return new Response(runToCsv(run), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="contract-migration-${run.id}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    const mapped = mapError(e, "contract-migration.csv");
    return Response.json({ code: mapped.code, message: mapped.message, details: mapped.details }, { status: mapped.status });
  }
}
