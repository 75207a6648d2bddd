import type { Metadata } from "next";
import { MessageThread } from "@/components/helpdesk/message-thread";
import { StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Card, CardContent } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/lib/utils";
import { db } from "@/server/db";
import { openFollowLink } from "@/server/helpdesk/links/follow-link";
import { FollowReplyForm } from "./_components/follow-reply-form";

export const dynamic = "force-dynamic";

// The token is the key to the page: keep it out of search engines and Referer headers.
export const metadata: Metadata = {
  title: "Your support ticket",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh">
      <header className="border-b border-border bg-background">
        <div className="mx-auto max-w-3xl px-4 py-3 font-bold text-primary">Switchboard support</div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl p-4 md:p-6">
        {children}
      </main>
    </div>
  );
}

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Frame>
      <Card>
        <CardContent className="space-y-2 pt-6">
          <h1 className="text-xl font-semibold">{title}</h1>
          <div className="text-sm text-muted-foreground">{children}</div>
        </CardContent>
      </Card>
    </Frame>
  );
}

/** /t/<token>: follow a ticket from an e-mail link, without an account. */
export default async function FollowTicketPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // The per-address rate limit runs in the proxy (server/helpdesk/links/follow-link-gate.ts), which can answer 429.
  const view = await openFollowLink(db, token);
  if (!view.ok) {
    return (
      <Notice title="This link cannot be used">
        <p>The link may be mistyped, expired or withdrawn. Links in our e-mails work for a limited time.</p>
        <p>Reply to the most recent e-mail about your ticket for a fresh link, or contact support.</p>
      </Notice>
    );
  }
  const { ticket, link } = view;
  return (
    <Frame>
      <div className="space-y-6">
        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm text-muted-foreground" data-testid="ticket-number">
              {ticket.number}
            </span>
            <StatusBadge status={ticket.status} />
          </div>
          <h1 className="text-2xl font-semibold break-words">{ticket.subject}</h1>
          <p className="text-sm text-muted-foreground">
            {ticket.organisation.label} · filed {formatDateTime(ticket.createdAt)} by {ticket.reporterName}
          </p>
        </header>
        <MessageThread messages={ticket.messages} attachmentHref={(id) => `/t/${token}/attachments/${id}`} />
        <Card>
          <CardContent className="space-y-3 pt-6">
            <p className="text-sm text-muted-foreground" data-testid="link-recipient">
              This link was sent to <strong>{link.recipientName ? `${link.recipientName} (${link.recipientEmail})` : link.recipientEmail}</strong>; replies
              here are posted under that name. It works until {formatDate(link.expiresAt)}.
            </p>
            {ticket.status === "closed" ? (
              <p className="text-sm">This ticket is closed. Please contact support to open a new one.</p>
            ) : (
              <FollowReplyForm token={token} />
            )}
          </CardContent>
        </Card>
      </div>
    </Frame>
  );
}
