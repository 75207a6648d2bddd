import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { IntegrationsHome } from "./_components/integrations-home";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Integrations"
        description="CRM connections and their sync: what waits, what failed, what was pushed and pulled."
        actions={
          user.role === "PROVIDER_ADMIN" ? (
            <Button asChild>
              <Link href="/integrations/new">
                <Plus aria-hidden /> Add Vtiger connection
              </Link>
            </Button>
          ) : null
        }
      />
      <IntegrationsHome />
    </div>
  );
}
