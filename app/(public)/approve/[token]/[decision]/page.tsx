import type { Metadata } from "next";
import { PublicApprovalFrame, ApprovalLinkExpired, ApprovalLinkInvalid } from "@/components/approvals/public-approval-frame";
import { approvalFormToken } from "@/server/approvals/approval-links";
import { resolveApprovalLink } from "@/server/approvals/confirm-decision";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { ConfirmForm } from "./confirm-form";

export const dynamic = "force-dynamic";

// The token is in the URL: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: "Your decision", referrer: "no-referrer", robots: { index: false, follow: false } };

/** GET /approve/<token>/<approve|reject>: the owner reviews the request and confirms (no login). */
export default async function ApprovePage({ params }: { params: Promise<{ token: string; decision: string }> }) {
  const { token, decision } = await params;
  const supportEmail = appEnv.supportEmail();
  let view: Awaited<ReturnType<typeof resolveApprovalLink>> = { status: "invalid" };
  try {
    view = await resolveApprovalLink(db, token, decision);
  } catch (error) {
    logger.error("approvals.link_lookup_failed", { error: error instanceof Error ? error.message : String(error) });
  }
  if (view.status === "expired") {
    return (
      <PublicApprovalFrame>
        <ApprovalLinkExpired supportEmail={supportEmail} organisationName={view.organisationName} ticketNumber={view.ticketNumber} />
      </PublicApprovalFrame>
    );
  }
  if (view.status === "invalid") {
    return (
      <PublicApprovalFrame>
        <ApprovalLinkInvalid supportEmail={supportEmail} />
      </PublicApprovalFrame>
    );
  }

  const approve = view.decision === "approve";
  return (
    <PublicApprovalFrame>
      <div className="space-y-5">
        <div className="space-y-1">
          <p className="text-sm text-muted-foreground">
            {approve ? "You are approving" : "You are rejecting"} a request from {view.organisationName} · {view.ticketNumber}
          </p>
          <h1 className="text-xl font-semibold text-balance">{view.subject}</h1>
        </div>
        {view.note?.trim() ? (
          <section aria-label={`Note from ${view.requestedByName}`} className="rounded-md border-l-4 border-primary bg-muted p-4 text-sm">
            <p className="mb-1 text-xs text-muted-foreground">Note from {view.requestedByName}</p>
            <p className="whitespace-pre-wrap break-words">{view.note.trim()}</p>
          </section>
        ) : null}
        <section aria-label="Summary" className="rounded-md bg-muted p-4 text-sm whitespace-pre-wrap break-words">
          {view.summary.trim() || "No summary was written for this request; see the full request below."}
        </section>
        {/* The same "Full request" the e-mail carries, so the owner decides on the same facts. */}
        <details className="rounded-md border p-4 text-sm" open={!view.summary.trim()}>
          <summary className="cursor-pointer font-medium">Full request</summary>
          <div className="mt-2 whitespace-pre-wrap break-words text-muted-foreground" data-testid="approval-full-request">
            {view.fullRequest}
          </div>
        </details>
        <ConfirmForm
          token={token}
          decision={view.decision}
          formToken={approvalFormToken(appEnv.approvalContext().keys, view.tokenHash, view.decision)}
          supportEmail={supportEmail}
        />
      </div>
    </PublicApprovalFrame>
  );
}
