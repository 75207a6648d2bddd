import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { HourCardsList } from "./_components/hour-cards-list";
import { NewCardDialog } from "./_components/new-card-dialog";

export const metadata: Metadata = { title: "Hour cards" };

export default async function HourCardsPage() {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const admin = user.role === "PROVIDER_ADMIN";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Hour cards"
        description="Prepaid hours per customer. Billable time logged on tickets draws on them; every change is a line in the card's ledger."
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href="/hour-cards/report">Hours report</Link>
            </Button>
            {admin ? (
              <Button asChild variant="outline" size="sm">
                <Link href="/hour-cards/settings">Settings</Link>
              </Button>
            ) : null}
            {admin ? <NewCardDialog /> : null}
          </>
        }
      />
      <HourCardsList />
    </div>
  );
}
