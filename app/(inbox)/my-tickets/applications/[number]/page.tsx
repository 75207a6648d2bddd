import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplicationDocuments } from "@/components/applications/application-documents";
import { ApplicationStatusBadge } from "@/components/applications/application-status-badge";
import { ApplicationTrail } from "@/components/applications/application-trail";
import { SectionCard } from "@/components/applications/section-card";
import { formatPages } from "@/lib/applications/application-status";
import { applicationNumberSchema } from "@/lib/validators/applications";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";

export const metadata: Metadata = { title: "Application" };

/** One application, read-only, for the client admin of its organisation (staff notes are not shown). */
export default async function InboxApplicationPage({ params }: { params: Promise<{ number: string }> }) {
  await requirePageRole(["CLIENT_ADMIN"]);
  const parsed = applicationNumberSchema.safeParse((await params).number);
  if (!parsed.success) notFound();
  const api = await getServerApi();
  const app = await api.applications.inboxGet({ number: parsed.data }).catch(notFoundIfMissing);
  return (
    <div className="space-y-4">
      <Link href="/my-tickets/applications" className="text-sm text-primary underline-offset-2 hover:underline">
        ← Applications
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">
          {app.number} · {app.applicantName}
        </h1>
        <ApplicationStatusBadge status={app.status} />
      </div>
      <p className="text-sm text-muted-foreground">
        {app.program}
        {app.reference ? ` · ${app.reference}` : ""} · signed {formatPages(app.signaturePages).toLowerCase()}: {app.hasSignedPages ? "received" : "not yet"}
      </p>
      <SectionCard title="Documents">
        <ApplicationDocuments documents={app.documents} />
      </SectionCard>
      <SectionCard title="History">
        <ApplicationTrail events={app.events.map((e) => ({ ...e, note: null }))} />
      </SectionCard>
    </div>
  );
}
