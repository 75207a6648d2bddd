import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { HoursReport } from "../_components/hours-report";

export const metadata: Metadata = { title: "Hours report" };

export default async function HoursReportPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/hour-cards" className="text-primary underline-offset-2 hover:underline">
            ← Hour cards
          </Link>
        }
        title="Hours report"
        description="Hours billed to cards and hours bought, per customer and month (UTC)."
      />
      <HoursReport />
    </div>
  );
}
