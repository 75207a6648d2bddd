import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { OrganisationsView } from "./_components/organisations-view";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <PageHeader title="Organisations" description="Your client organisations: create one and invite its admin, who then invites their colleagues." />
      <OrganisationsView />
    </div>
  );
}
