import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { OrganisationDetail } from "./_components/organisation-detail";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const { id } = await params;
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/organisations" className="text-primary underline-offset-2 hover:underline">
            ← Organisations
          </Link>
        }
        title="Organisation"
      />
      <OrganisationDetail id={id} />
    </div>
  );
}
