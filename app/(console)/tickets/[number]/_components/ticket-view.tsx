"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { TicketApprovalPanel, TicketApprovalPill } from "@/components/approvals";
import { MessageThread } from "@/components/helpdesk/message-thread";
import { ReplyBox } from "@/components/helpdesk/reply-box";
import { EscalationBadge, PriorityBadge, SlaBadge, StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/use-toast";
import { TICKET_STATUS_INFO, TICKET_STATUSES, TICKET_TYPE_INFO, type TicketStatus } from "@/lib/helpdesk/constants";
import { canTransitionStatus } from "@/lib/helpdesk/ticket-statuses";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { DetailsCard } from "./details-card";
import { FieldJobsCard } from "./field-jobs-card";
import { PeopleCard } from "./people-card";
import { SlaCard } from "./sla-card";
import { TimeLogCard } from "./time-log-card";
import { TicketTrail } from "./ticket-trail";

/** The console's ticket page: conversation and trail on the left, SLA, details and people on the right. */
export function TicketView({ number }: { number: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.helpdesk.tickets.get.queryOptions({ number }));
  const [visibility, setVisibility] = useState<"public" | "internal">("public");
  const [thenStatus, setThenStatus] = useState<"" | TicketStatus>("");
  const [forFieldTeam, setForFieldTeam] = useState(false);
  const [replyError, setReplyError] = useState<string | null>(null);

  // Field jobs too: a new message brings attachments to pick and notes on their way to the job.
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.helpdesk.tickets.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.fieldJobs.forTicket.pathKey() }),
    ]);
  const reply = useMutation(trpc.helpdesk.tickets.reply.mutationOptions({ onSuccess: invalidate }));

  // Opening the ticket (or seeing it refresh) reads its customer replies: clears the list's dot and the badge.
  const markSeen = useMutation(
    trpc.helpdesk.queue.markSeen.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.helpdesk.queue.unreadCount.queryKey() }),
    }),
  );
  const seenId = ticket.data?.id;
  const seenVersion = ticket.data?.updatedAt.getTime();
  useEffect(() => {
    if (seenId) markSeen.mutate({ ticketId: seenId });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seenId, seenVersion]);

  if (ticket.isLoading) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (ticket.error || !ticket.data) {
    return (
      <Alert variant="danger" title={ticket.error?.data?.code === "NOT_FOUND" ? "No such ticket" : "Could not load the ticket"}>
        {ticket.error?.data?.code === "NOT_FOUND" ? `There is no ticket ${number}.` : ticket.error?.message}{" "}
        <Link href="/tickets" className="underline">
          Back to tickets
        </Link>
      </Alert>
    );
  }
  const t = ticket.data;
  const nextStatuses = TICKET_STATUSES.filter((s) => canTransitionStatus(t.status, s));

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href="/tickets" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Tickets
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-muted-foreground" data-testid="ticket-number">
            {t.number}
          </span>
          <StatusBadge status={t.status} />
          <PriorityBadge priority={t.priority} />
          <SlaBadge state={t.sla.overall} />
          <EscalationBadge level={t.escalationLevel} />
          <TicketApprovalPill ticketId={t.id} />
        </div>
        <h1 className="text-2xl font-semibold break-words">{t.subject}</h1>
        <p className="text-sm text-muted-foreground">
          {t.organisation.label} · {t.organisation.name} · {TICKET_TYPE_INFO[t.type].label} · {t.origin} → {t.target} · filed {formatDateTime(t.createdAt)} via{" "}
          {t.channel.replace("_", " ")}
        </p>
      </header>

      <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Tabs defaultValue="conversation" className="min-w-0">
          <TabsList>
            <TabsTrigger value="conversation">Conversation ({t.messages.length})</TabsTrigger>
            <TabsTrigger value="trail">Trail ({t.events.length})</TabsTrigger>
          </TabsList>
          <TabsContent value="conversation" className="space-y-6">
            <MessageThread messages={t.messages} attachmentHref={(id) => `/tickets/attachments/${id}`} />
            <Card>
              <CardContent className="pt-6">
                <ReplyBox
                  label={visibility === "internal" ? "Internal note (agents only)" : "Public reply (e-mailed to the reporter and followers)"}
                  placeholder={visibility === "internal" ? "Only provider staff will see this…" : "Write to the customer…"}
                  submitLabel={visibility === "internal" ? "Add note" : "Send reply"}
                  error={replyError}
                  extra={
                    <>
                      <NativeSelect
                        aria-label="Message kind"
                        value={visibility}
                        onChange={(e) => setVisibility(e.target.value as "public" | "internal")}
                        className="w-40"
                        options={[
                          { value: "public", label: "Public reply" },
                          { value: "internal", label: "Internal note" },
                        ]}
                      />
                      <NativeSelect
                        aria-label="Then set status"
                        value={thenStatus}
                        onChange={(e) => setThenStatus(e.target.value as "" | TicketStatus)}
                        className="w-52"
                        options={[
                          { value: "", label: "Keep status" },
                          ...nextStatuses.map((s) => ({ value: s, label: `Set to ${TICKET_STATUS_INFO[s].label.toLowerCase()}` })),
                        ]}
                      />
                      {visibility === "internal" ? (
                        <label className="inline-flex items-center gap-2 text-sm">
                          <Checkbox checked={forFieldTeam} onCheckedChange={(v) => setForFieldTeam(v === true)} />
                          For the field team
                        </label>
                      ) : null}
                    </>
                  }
                  onSubmit={async ({ body, attachments }) => {
                    setReplyError(null);
                    try {
                      const result = await reply.mutateAsync({
                        ticketId: t.id,
                        body,
                        visibility,
                        attachments,
                        status: thenStatus || undefined,
                        forFieldTeam: visibility === "internal" && forFieldTeam,
                      });
                      setThenStatus("");
                      setForFieldTeam(false);
                      toast({
                        title: visibility === "internal" ? "Note added" : "Reply sent",
                        description: result.emailsQueued > 0 ? `${result.emailsQueued} e-mail${result.emailsQueued === 1 ? "" : "s"} queued` : undefined,
                        variant: "success",
                      });
                    } catch (error) {
                      const message = error instanceof Error ? error.message : "Could not send";
                      setReplyError(message);
                      throw new Error(message);
                    }
                  }}
                />
              </CardContent>
            </Card>
          </TabsContent>
          <TabsContent value="trail">
            <TicketTrail events={t.events} />
          </TabsContent>
        </Tabs>

        <aside className="min-w-0 space-y-4" aria-label="Ticket details">
          <TicketApprovalPanel ticketId={t.id} />
          <FieldJobsCard ticketId={t.id} onChanged={invalidate} />
          <SlaCard ticket={t} onChanged={invalidate} />
          <DetailsCard ticket={t} onChanged={invalidate} />
          <PeopleCard ticket={t} onChanged={invalidate} />
          <TimeLogCard ticketId={t.id} />
          {t.diagnostics ? (
            <Card>
              <CardHeader>
                <CardTitle as="h2">Diagnostics from the client&apos;s app</CardTitle>
              </CardHeader>
              <CardContent>
                <pre className="max-h-64 overflow-auto rounded bg-muted p-2 text-xs">{JSON.stringify(t.diagnostics, null, 2)}</pre>
              </CardContent>
            </Card>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
