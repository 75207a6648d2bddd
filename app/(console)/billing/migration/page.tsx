import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectionCard } from "./_components/connection-card";
import { ImportCard } from "./_components/import-card";
import { ReconciliationCard } from "./_components/reconciliation-card";

export const metadata: Metadata = { title: "Billing migration" };

export default function BillingMigrationPage() {
  return (
    <>
      <PageHeader
        title="Migration"
        description="Move a legacy biller onto Switchboard: connect its database (read-only), import customers, plans and subscriptions as shadows that never bill, and reconcile each period before the flip."
      />
      <div className="grid gap-6">
        <ConnectionCard />
        <ImportCard />
        <ReconciliationCard />
      </div>
    </>
  );
}
