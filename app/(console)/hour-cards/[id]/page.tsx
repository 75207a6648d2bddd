import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { BackToHourCards } from "../_components/back-to-hour-cards";
import { CardDetail } from "../_components/card-detail";

export const metadata: Metadata = { title: "Hour card" };

export default async function HourCardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const { id } = await params;
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<BackToHourCards />}
        title="Hour card"
      />
      <CardDetail id={id} admin={user.role === "PROVIDER_ADMIN"} />
    </div>
  );
}
