import type { Metadata } from "next";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { RecentFailuresView } from "./_components/recent-failures-view";

export const metadata: Metadata = { title: "Failed sign-ins (24 h)" };

export default async function RecentFailuresPage({ searchParams }: { searchParams: Promise<{ login?: string | string[] }> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const { login } = await searchParams;
  return (
    <div className="space-y-6">
      <PageHeader title="Login audit" description="Failed sign-ins of the last 24 hours: who was tried, from where, and every attempt." />
      <AuditTabs current="/audit/failures" />
      <RecentFailuresView login={typeof login === "string" && login.trim() ? login.trim().slice(0, 254) : undefined} />
    </div>
  );
}
