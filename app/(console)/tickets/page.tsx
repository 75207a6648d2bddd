import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { ticketQueryFromParams, toSearchParams } from "@/lib/helpdesk/list-params";
import { HydrateClient, prefetch, trpc } from "@/lib/trpc/server";
import { requirePageRole } from "@/server/auth/page-guards";
import { NewTicketDialog } from "./_components/new-ticket-dialog";
import { TicketsTable } from "./_components/tickets-table";

export const metadata: Metadata = { title: "Tickets" };

// The first page, the filter choices and the saved views are fetched here, so
// the rows are part of the first paint (the list then hydrates from them).
export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const query = ticketQueryFromParams(toSearchParams(await searchParams));
  await prefetch(
    trpc.helpdesk.tickets.list.queryOptions(query),
    trpc.helpdesk.tickets.options.queryOptions(),
    trpc.helpdesk.queue.views.queryOptions(),
  );
  return (
    <div className="space-y-2">
      <PageHeader
        title="Tickets"
        description="Every client organisation's tickets, breached first. Filters stay in the address, so a view can be shared or bookmarked."
        actions={
          <>
            <Link href="/contract-migration/archived" className="text-sm font-medium underline-offset-4 hover:underline">
              Archived cases
            </Link>
            <NewTicketDialog />
          </>
        }
      />
      <HydrateClient>
        <Suspense>
          <TicketsTable />
        </Suspense>
      </HydrateClient>
    </div>
  );
}
