import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApplicationsTable } from "./_components/applications-table";

export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Applications"
        description="Funding applications handled for client organisations: intake with signed pages, remote signatures, and the way to submission."
      />
      <ApplicationsTable />
    </div>
  );
}
