import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { NewTicketDialog } from "./_components/new-ticket-dialog";
import { TicketsTable } from "./_components/tickets-table";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-2">
      <PageHeader
        title="Tickets"
        description="Every client organisation's tickets. Filters stay in the address, so a view can be shared or bookmarked."
        actions={<NewTicketDialog />}
      />
      <Suspense>
        <TicketsTable />
      </Suspense>
    </div>
  );
}
