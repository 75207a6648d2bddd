import type { Metadata } from "next";
import { Suspense } from "react";
import { inboxQueryFromParams, toSearchParams } from "@/lib/helpdesk/list-params";
import { HydrateClient, prefetch, trpc } from "@/lib/trpc/server";
import { InboxList } from "./_components/inbox-list";

export const metadata: Metadata = { title: "My Tickets" };

// The (inbox) layout already admits client staff only; the data is scoped on the server.
// The first page is fetched here so it is part of the first paint.
export default async function MyTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = inboxQueryFromParams(toSearchParams(await searchParams));
  await prefetch(trpc.helpdesk.inbox.list.queryOptions(query), trpc.helpdesk.inbox.me.queryOptions());
  return (
    <HydrateClient>
      <Suspense>
        <InboxList />
      </Suspense>
    </HydrateClient>
  );
}
