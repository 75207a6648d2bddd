import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { ArchivedCases } from "../_components/archived-cases";

export const metadata: Metadata = { title: "Archived cases" };

export default async function ArchivedCasesPage() {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Archived cases"
        description="Cases brought over from a CRM's service contracts: read-only history, kept with the CRM's full record."
        eyebrow={
          <Link href="/tickets" className="underline-offset-4 hover:underline">
            ← Tickets
          </Link>
        }
      />
      <ArchivedCases />
    </div>
  );
}
