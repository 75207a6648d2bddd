import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { NewConnection } from "../_components/new-connection";

export const metadata: Metadata = { title: "Add Vtiger connection" };

export default async function NewConnectionPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/integrations" className="text-primary underline-offset-2 hover:underline">
            ← Integrations
          </Link>
        }
        title="Add Vtiger connection"
        description="Vtiger 7/8 or Vtiger Cloud, through its web-service API. Test the connection before you save it."
      />
      <NewConnection />
    </div>
  );
}
