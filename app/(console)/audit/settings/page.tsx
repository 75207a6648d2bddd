import type { Metadata } from "next";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { AddressBlocksCard } from "./_components/address-blocks-card";
import { AuditSettingsForm } from "./_components/audit-settings-form";
import { GeoStatusCard } from "./_components/geo-status-card";

export const metadata: Metadata = { title: "Login audit settings" };

export default async function AuditSettingsPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <PageHeader title="Login audit" description="How long sign-in records are kept, when admins are alerted, how sign-in attempts are limited, and where addresses are located." />
      <AuditTabs current="/audit/settings" />
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem] [&>*]:min-w-0">
        <AuditSettingsForm />
        <GeoStatusCard />
      </div>
      <AddressBlocksCard />
    </div>
  );
}
