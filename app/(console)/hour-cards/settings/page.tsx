import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { BackToHourCards } from "../_components/back-to-hour-cards";
import { HourCardSettingsForm } from "../_components/settings-form";

export const metadata: Metadata = { title: "Hour card settings" };

export default async function HourCardSettingsPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<BackToHourCards />}
        title="Hour card settings"
        description="How billable time draws on cards and when clients hear that a card is running low."
      />
      <HourCardSettingsForm />
    </div>
  );
}
