import { SupportContact } from "@/components/ui/support-contact";

/**
 * The small branded frame of the owner's pages (no console chrome, no
 * sign-in): a header strip with the brand and a centred card.
 */
export function PublicApprovalFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh bg-canvas">
      <header className="bg-primary px-4 py-3 text-primary-foreground">
        <div className="mx-auto max-w-xl text-lg font-semibold">Switchboard</div>
      </header>
      <main className="mx-auto max-w-xl px-4 py-8">
        <div className="rounded-xl border bg-card p-6 text-card-foreground shadow-xs">{children}</div>
      </main>
    </div>
  );
}

/** The one answer for every link that cannot be used (used, superseded, unknown, malformed). */
export function ApprovalLinkInvalid({ supportEmail }: { supportEmail: string }) {
  return (
    <div className="space-y-3" data-testid="approval-link-invalid">
      <h1 className="text-xl font-semibold">This link is no longer valid</h1>
      <p className="text-sm text-muted-foreground">
        This approval link has already been used or is no longer valid. If you still need to make a decision, please
        contact us and we will send you a new request.
      </p>
      <SupportContact supportEmail={supportEmail} />
    </div>
  );
}

/** A link that was never used but is past its expiry: nothing is lost, a new one can be sent. */
export function ApprovalLinkExpired({ supportEmail, organisationName, ticketNumber }: { supportEmail: string; organisationName?: string; ticketNumber?: string }) {
  return (
    <div className="space-y-3" data-testid="approval-link-expired">
      <h1 className="text-xl font-semibold">This link has expired</h1>
      <p className="text-sm text-muted-foreground">
        Approval links work for a limited time, and this one{ticketNumber ? ` (${ticketNumber}${organisationName ? `, ${organisationName}` : ""})` : ""} has
        run out. Nothing was recorded. Ask us for a fresh link and we will send a new e-mail right away.
      </p>
      <SupportContact supportEmail={supportEmail} />
    </div>
  );
}
