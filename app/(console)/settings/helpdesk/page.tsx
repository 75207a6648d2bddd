import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApiKeysManager } from "./_components/api-keys-manager";
import { SlaSettingsForm } from "./_components/sla-settings-form";
import { TeamsManager } from "./_components/teams-manager";

export const metadata: Metadata = { title: "Helpdesk settings" };

export default async function HelpdeskSettingsPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-2">
      <PageHeader title="Helpdesk settings" description="SLA targets and business hours, teams tickets are routed to, and API keys for clients' own apps." />
      <Tabs defaultValue="sla">
        <TabsList>
          <TabsTrigger value="sla">SLA &amp; business hours</TabsTrigger>
          <TabsTrigger value="teams">Teams</TabsTrigger>
          <TabsTrigger value="keys">API keys</TabsTrigger>
        </TabsList>
        <TabsContent value="sla">
          <SlaSettingsForm />
        </TabsContent>
        <TabsContent value="teams">
          <TeamsManager />
        </TabsContent>
        <TabsContent value="keys">
          <ApiKeysManager />
        </TabsContent>
      </Tabs>
    </div>
  );
}
