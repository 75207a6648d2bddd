import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { HydrateClient, prefetch, trpc } from "@/lib/trpc/server";
import { FamilyRulesCard } from "./_components/family-rules-card";
import { IngestSummaryCard } from "./_components/ingest-summary-card";
import { LedgerActions } from "./_components/ledger-actions";
import { LedgerCurrencyCard } from "./_components/ledger-currency-card";
import { LedgerInvoices } from "./_components/ledger-invoices";
import { LedgerReports } from "./_components/ledger-reports";
import { ReviewItems } from "./_components/review-items";
import { SourceTotalsCard } from "./_components/source-totals-card";
import { TaxRatesCard } from "./_components/tax-rates-card";

export const metadata: Metadata = { title: "Ledger" };

export default async function LedgerPage() {
  await prefetch(trpc.ledger.reports.summary.queryOptions());
  return (
    <>
      <PageHeader
        title="Invoice ledger"
        description="Legacy invoices come in as draft entries, are verified at Stripe or Lago, and are posted after review; Switchboard's own and Ascora's documents post on their own. Posted entries never change."
        actions={<LedgerActions />}
      />
      <HydrateClient>
        <Tabs defaultValue="review">
          <TabsList>
            <TabsTrigger value="review">Review and post</TabsTrigger>
            <TabsTrigger value="changes">Upstream changes</TabsTrigger>
            <TabsTrigger value="rules">Rules and rates</TabsTrigger>
            <TabsTrigger value="reports">Reports</TabsTrigger>
          </TabsList>
          <TabsContent value="review" className="space-y-6">
            <IngestSummaryCard />
            <SourceTotalsCard />
            <LedgerInvoices />
          </TabsContent>
          <TabsContent value="changes">
            <ReviewItems />
          </TabsContent>
          <TabsContent value="rules" className="space-y-6">
            <LedgerCurrencyCard />
            <TaxRatesCard />
            <FamilyRulesCard />
          </TabsContent>
          <TabsContent value="reports">
            <LedgerReports />
          </TabsContent>
        </Tabs>
      </HydrateClient>
    </>
  );
}
