import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { applicationNumberSchema } from "@/lib/validators/applications";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApplicationDetailView } from "./_components/application-detail";

export const metadata: Metadata = { title: "Application" };

export default async function ApplicationPage({ params }: { params: Promise<{ number: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const parsed = applicationNumberSchema.safeParse((await params).number);
  if (!parsed.success) notFound();
  const api = await getServerApi();
  const detail = await api.applications.get({ number: parsed.data }).catch(notFoundIfMissing);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/applications" className="text-primary underline-offset-2 hover:underline">
            ← Applications
          </Link>
        }
        title={`${detail.number} · ${detail.applicantName}`}
        description={`${detail.program} for ${detail.organisationLabel} · ${detail.organisationName}`}
      />
      <ApplicationDetailView initial={detail} />
    </div>
  );
}
