import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RunRatingButton } from "../_components/run-rating-button";
import { InvoicesTable } from "./_components/invoices-table";

export const metadata: Metadata = { title: "Invoices" };

export default function InvoicesPage() {
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Drafts follow each running period's usage; when a period closes its invoice is issued, taxed and charged."
        actions={<RunRatingButton />}
      />
      <InvoicesTable />
    </>
  );
}
