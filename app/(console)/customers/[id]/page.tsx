import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";
import { CustomerDetail } from "../_components/customer-detail";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ card?: string }>;
}) {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const { id } = await params;
  const { card } = await searchParams;
  const api = await getServerApi();
  const detail = await api.customers.get({ id }).catch(notFoundIfMissing);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/customers" className="text-primary underline-offset-2 hover:underline">
            ← Customers
          </Link>
        }
        title={detail.customer.name}
        description={detail.customer.kind === "company" ? "Company" : "Person"}
      />
      <CustomerDetail id={id} billing={user.role === "PROVIDER_ADMIN"} card={card} />
    </div>
  );
}
