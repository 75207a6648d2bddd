"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { MessageThread } from "@/components/helpdesk/message-thread";
import { ReplyBox } from "@/components/helpdesk/reply-box";
import { StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { TICKET_TYPE_INFO } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

/** A ticket's public thread with a reply box; opening it marks the replies seen. */
export function InboxThread({ number }: { number: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.helpdesk.inbox.get.queryOptions({ number }));
  const markSeen = useMutation(
    trpc.helpdesk.inbox.markSeen.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.inbox.unreadCount.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.inbox.list.pathKey() });
      },
    }),
  );
  const reply = useMutation(trpc.helpdesk.inbox.reply.mutationOptions());

  // Seen up to the newest message shown; again whenever new messages arrive while open.
  const seenCount = useRef(-1);
  const messageCount = ticket.data?.messages.length ?? -1;
  useEffect(() => {
    if (messageCount >= 0 && messageCount !== seenCount.current) {
      seenCount.current = messageCount;
      markSeen.mutate({ number });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [messageCount, number]);

  if (ticket.isLoading) return <Skeleton className="h-64 w-full" />;
  if (!ticket.data) {
    return (
      <Alert variant="danger" title="Ticket not found">
        <Link href="/my-tickets" className="underline">
          Back to My Tickets
        </Link>
      </Alert>
    );
  }
  const t = ticket.data;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href="/my-tickets" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> My Tickets
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-muted-foreground" data-testid="ticket-number">
            {t.number}
          </span>
          <StatusBadge status={t.status} />
        </div>
        <h1 className="text-2xl font-semibold break-words">{t.subject}</h1>
        <p className="text-sm text-muted-foreground">
          {TICKET_TYPE_INFO[t.type].label} · reported by {t.reporterName} · {formatDateTime(t.createdAt)}
        </p>
      </header>
      <MessageThread messages={t.messages} attachmentHref={(id) => `/my-tickets/attachments/${id}`} />
      <Card>
        <CardContent className="pt-6">
          {t.status === "closed" ? (
            <p className="text-sm text-muted-foreground">
              This ticket is closed. <Link href="/my-tickets/new" className="text-primary underline">File a new ticket</Link> if you need more help.
            </p>
          ) : (
            <ReplyBox
              label="Your reply"
              onSubmit={async ({ body, attachments }) => {
                await reply.mutateAsync({ number, body, attachments });
                toast({ title: "Reply sent", variant: "success" });
                await queryClient.invalidateQueries({ queryKey: trpc.helpdesk.inbox.pathKey() });
              }}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
