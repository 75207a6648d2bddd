import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { CustomersTable } from "./_components/customers-table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Customers"
        description="One record per real client, shared by the helpdesk, billing and the connected CRMs: its sync state on each and, for admins, its billing state."
      />
      <CustomersTable billing={user.role === "PROVIDER_ADMIN"} />
    </div>
  );
}
