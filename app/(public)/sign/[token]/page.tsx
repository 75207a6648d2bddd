import type { Metadata } from "next";
import { PublicApprovalFrame } from "@/components/approvals/public-approval-frame";
import { resolveSigningLink } from "@/server/applications/complete-signature";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { SignForm } from "./sign-form";
import { SigningLinkInvalid } from "./signing-link-invalid";

export const dynamic = "force-dynamic";

// The token is in the URL: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: "Sign your application page", referrer: "no-referrer", robots: { index: false, follow: false } };

/** GET /sign/<token>: the signer sees the page and signs it (no account). */
export default async function SignPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await resolveSigningLink(db, token);
  const supportEmail = appEnv.supportEmail();
  if (!view) {
    return (
      <PublicApprovalFrame>
        <SigningLinkInvalid supportEmail={supportEmail} />
      </PublicApprovalFrame>
    );
  }
  return (
    <PublicApprovalFrame>
      <div className="space-y-5">
        <div className="space-y-1">
          <p className="text-sm text-muted-foreground">
            {view.program} · {view.applicationNumber}
          </p>
          <h1 className="text-xl font-semibold text-balance">
            Sign page {view.page} of the application for {view.applicantName}
          </h1>
          <p className="text-sm text-muted-foreground">
            Requested for {view.signerName} ({view.relationship}). This link works once and expires {view.expiresAt.toUTCString()}.
          </p>
        </div>
        <section aria-label={`Page ${view.page}`} className="space-y-2">
          <object data={`/sign/${token}/page-pdf`} type="application/pdf" className="h-[28rem] w-full rounded-md border" title={`Page ${view.page} of the application`}>
            <p className="p-4 text-sm">
              Your browser cannot show the page here.{" "}
              <a className="font-medium text-primary underline" href={`/sign/${token}/page-pdf`} target="_blank" rel="noreferrer">
                Open page {view.page} (PDF)
              </a>
            </p>
          </object>
          <a className="text-sm font-medium text-primary underline" href={`/sign/${token}/page-pdf`} target="_blank" rel="noreferrer">
            Open page {view.page} in a new tab
          </a>
        </section>
        <SignForm token={token} signerName={view.signerName} relationship={view.relationship} supportEmail={supportEmail} />
      </div>
    </PublicApprovalFrame>
  );
}
