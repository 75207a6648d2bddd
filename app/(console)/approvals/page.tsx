import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApprovalsReport } from "./_components/approvals-report";
import { ApprovalsTabs } from "./_components/approvals-tabs";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Approvals"
        description="Owner approval requests across clients: where they stand, how long owners take to decide, and which have been waiting more than a week."
      />
      <ApprovalsTabs current="/approvals" />
      <ApprovalsReport />
    </div>
  );
}
