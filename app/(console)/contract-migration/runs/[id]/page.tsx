import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/server/auth/page-guards";
import { RunWizard } from "../../_components/run-wizard";

export const metadata: Metadata = { title: "Contract migration run" };

export default async function ContractMigrationRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const { id } = await params;
  return (
    <div className="space-y-6">
      <Link href="/contract-migration" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
        ← Contract migration
      </Link>
      <RunWizard runId={id} />
    </div>
  );
}
