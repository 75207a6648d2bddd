import { redirect } from "next/navigation";

// Billing's customer pages moved into the one Customers area (Stripe Checkout return links included).
export default async function BillingCustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ card?: string }> }) {
  const { id } = await params;
  const { card } = await searchParams;
  redirect(`/customers/${encodeURIComponent(id)}${card ? `?card=${encodeURIComponent(card)}` : ""}`);
}
