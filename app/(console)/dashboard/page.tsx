import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { getServerApi } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";
import { HelpdeskPanel } from "./_components/helpdesk-panel";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // Layouts and pages render in parallel: each console page checks the role itself.
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const api = await getServerApi();
  const overview = await api.dashboard.overview();
  const undelivered = (overview.outboxByStatus.FAILED ?? 0) + (overview.outboxByStatus.DEAD ?? 0);
  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description={`Welcome back${user.name ? `, ${user.name}` : ""}.`} />
      <section aria-label="Overview" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Client organisations" value={overview.clientOrganisations} />
        <StatCard label="Active users" value={overview.users} />
        <StatCard label="E-mails sent" value={overview.outboxByStatus.SENT ?? 0} />
        <StatCard
          label="E-mails not delivered"
          value={undelivered}
          hint={undelivered > 0 ? "Failed or given up: see the Outbox" : "Nothing stuck"}
        />
      </section>
      <HelpdeskPanel />
    </div>
  );
}
