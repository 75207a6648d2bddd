import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { BackToHourCards } from "../_components/back-to-hour-cards";
import { HoursReport } from "../_components/hours-report";

export const metadata: Metadata = { title: "Hours report" };

export default async function HoursReportPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<BackToHourCards />}
        title="Hours report"
        description="Hours billed to cards and hours bought, per customer and month (UTC)."
      />
      <HoursReport />
    </div>
  );
}
