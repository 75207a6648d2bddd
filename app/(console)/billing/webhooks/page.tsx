import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointsManager } from "./_components/endpoints-manager";

export const metadata: Metadata = { title: "Billing webhooks" };

export default function WebhooksPage() {
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Where each service hears about invoices, payments, terminations and usage thresholds. Deliveries are signed (Switchboard-Signature) and retried: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then dead-lettered."
      />
      <EndpointsManager />
    </>
  );
}
