import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AccountingImportPanel } from "./_components/accounting-import-panel";
import { ExternalInvoicesTable } from "./_components/external-invoices-table";

export const metadata: Metadata = { title: "External (Ascora)" };

export default function ExternalBillingPage() {
  return (
    <>
      <PageHeader
        title="External (Ascora)"
        description="Invoices and payments billed in Ascora, imported through its Accounting API and kept with each customer."
      />
      <div className="space-y-6">
        <AccountingImportPanel />
        <ExternalInvoicesTable />
      </div>
    </>
  );
}
