import type { Metadata } from "next";
import { DeliveryLog } from "../_components/delivery-log";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeliveryLog endpointId={id} />;
}
