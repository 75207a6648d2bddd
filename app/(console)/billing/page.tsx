import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/lib/trpc/server";
import { BillingDashboard } from "./_components/billing-dashboard";
import { RatingFailures } from "./_components/rating-failures";
import { RunRatingButton } from "./_components/run-rating-button";

export const metadata: Metadata = { title: "Billing" };

// The overview is fetched here so its figures are part of the first paint.
export default async function BillingPage() {
  await prefetch(trpc.billing.dashboard.overview.queryOptions());
  return (
    <>
      <PageHeader
        title="Billing"
        description="Usage pushed by the source apps is rated into invoices every 15 minutes; invoices are charged through Stripe and retried on the dunning schedule."
        actions={<RunRatingButton />}
      />
      <HydrateClient>
        <div className="space-y-6">
          <RatingFailures />
          <BillingDashboard />
        </div>
      </HydrateClient>
    </>
  );
}
