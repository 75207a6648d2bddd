import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ServicesManager } from "./_components/services-manager";

export const metadata: Metadata = { title: "Billing services" };

export default function ServicesPage() {
  return (
    <>
      <PageHeader
        title="Services"
        description="The source apps that call /api/billing/v1 with their own API key: customers, subscriptions and usage. Each has its own rate limit."
      />
      <ServicesManager />
    </>
  );
}
