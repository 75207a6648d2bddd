import type { Metadata } from "next";
import { CustomerDetail } from "../_components/customer-detail";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ card?: string }>;
}) {
  const { id } = await params;
  const { card } = await searchParams;
  return <CustomerDetail customerId={id} card={card} />;
}
