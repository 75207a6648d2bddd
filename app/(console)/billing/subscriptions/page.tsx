import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SubscriptionsTable } from "./_components/subscriptions-table";

export const metadata: Metadata = { title: "Subscriptions" };

export default function SubscriptionsPage() {
  return (
    <>
      <PageHeader
        title="Subscriptions"
        description="A customer on a plan, identified by the source app's own id. Plan changes apply from the next period; there is no proration."
      />
      <SubscriptionsTable />
    </>
  );
}
