import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { MetricsManager } from "./_components/metrics-manager";

export const metadata: Metadata = { title: "Billing metrics" };

export default function MetricsPage() {
  return (
    <>
      <PageHeader
        title="Metrics"
        description="What source apps measure and push (CPU seconds, API calls, active users) and how a period's counters combine."
      />
      <MetricsManager />
    </>
  );
}
