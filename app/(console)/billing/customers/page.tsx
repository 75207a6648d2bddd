import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CustomersTable } from "./_components/customers-table";

export const metadata: Metadata = { title: "Billing customers" };

export default function CustomersPage() {
  return (
    <>
      <PageHeader
        title="Customers"
        description="One customer per real client, shared with the CRM. Each source app's account is linked to it; its tax rate applies to its invoices."
      />
      <CustomersTable />
    </>
  );
}
