import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/page-guards";
import { InboxHourCards } from "./inbox-hour-cards";

export const metadata: Metadata = { title: "Hour cards" };

/** My Tickets → Hour cards: the organisation's prepaid hours and the tickets that used them (client admins). */
export default async function InboxHourCardsPage() {
  await requirePageRole(["CLIENT_ADMIN"]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Hour cards</h1>
        <p className="text-sm text-muted-foreground">Your prepaid support hours, what is left on each card, and the tickets that used them.</p>
      </div>
      <InboxHourCards />
    </div>
  );
}
