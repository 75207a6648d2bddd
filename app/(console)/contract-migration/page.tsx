import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { StartMigration } from "./_components/start-migration";
import { RunsList } from "./_components/runs-list";

export const metadata: Metadata = { title: "Contract migration" };

export default async function ContractMigrationPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Contract migration"
        description="Move a CRM's service contracts into Switchboard: cases become archived history, time logs become hours on the customer's prepaid cards. Nothing is ever written to the CRM."
        actions={
          <Link href="/contract-migration/archived" className="text-sm font-medium underline underline-offset-4">
            Archived cases
          </Link>
        }
      />
      <StartMigration />
      <RunsList />
    </div>
  );
}
