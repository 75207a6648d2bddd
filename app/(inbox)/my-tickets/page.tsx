import type { Metadata } from "next";
import { Suspense } from "react";
import { InboxList } from "./_components/inbox-list";

export const metadata: Metadata = { title: "My Tickets" };

// The (inbox) layout already admits client staff only; the data is scoped on the server.
export default function MyTicketsPage() {
  return (
    <Suspense>
      <InboxList />
    </Suspense>
  );
}
