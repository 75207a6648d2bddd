import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";
import { getConnectorProvider } from "@/server/crm/connector-registry";
import { FIELD_JOB_PROVIDERS } from "@/server/field-jobs/field-job-providers";
import { ConnectionTabs } from "../_components/connection-tabs";

export const metadata: Metadata = { title: "CRM connection" };

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const { id } = await params;
  const api = await getServerApi();
  const connection = await api.crm.connections.get({ id }).catch(notFoundIfMissing);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/integrations" className="text-primary underline-offset-2 hover:underline">
            ← Integrations
          </Link>
        }
        title={connection.name}
        description={`${connection.providerLabel} at ${connection.baseUrl} as ${connection.username}`}
        actions={<Badge variant={connection.enabled ? "success" : "secondary"}>{connection.enabled ? "Enabled" : "Disabled"}</Badge>}
      />
      <ConnectionTabs
        id={id}
        isAdmin={user.role === "PROVIDER_ADMIN"}
        fieldJobs={FIELD_JOB_PROVIDERS.has(connection.provider)}
        accounting={getConnectorProvider(connection.provider).importsAccounting === true}
      />
    </div>
  );
}
