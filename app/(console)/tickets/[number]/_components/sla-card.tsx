"use client";

import { useMutation } from "@tanstack/react-query";
import { SlaCountdown } from "@/components/helpdesk/sla-countdown";
import { SlaBadge } from "@/components/helpdesk/ticket-badges";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { SLA_TARGET_LABELS, type SlaState } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import type { ConsoleTicketData } from "./ticket-types";

function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** The three SLA clocks, each with its own deadline and state, plus the recorded response and resolution times. */
export function SlaCard({ ticket, onChanged }: { ticket: ConsoleTicketData; onChanged: () => unknown }) {
  const trpc = useTRPC();
  const check = useMutation(
    trpc.helpdesk.tickets.checkSla.mutationOptions({
      onSuccess: (r) => {
        toast({ title: "SLA checked", description: r.breaches ? `${r.breaches} new breach(es) recorded` : "No new breaches" });
        void onChanged();
      },
    }),
  );
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between gap-2">
        <CardTitle as="h2">SLA</CardTitle>
        <Button size="sm" variant="outline" loading={check.isPending} onClick={() => check.mutate({ ticketId: ticket.id })}>
          Check now
        </Button>
      </CardHeader>
      <CardContent>
        <dl className="space-y-3 text-sm">
          {ticket.sla.clocks.map((c) => (
            <div key={c.target} data-testid={`sla-${c.target}`}>
              <dt className="flex items-center justify-between gap-2 font-medium">
                {SLA_TARGET_LABELS[c.target]} <SlaBadge state={c.state as SlaState | "inactive"} />
              </dt>
              <dd className="text-muted-foreground">
                {c.status === "running" && c.dueAt ? <SlaCountdown dueAt={c.dueAt} /> : null}
                {c.status === "met" && c.metAt ? (
                  <>
                    Met {formatDateTime(c.metAt)} (due {formatDateTime(c.dueAt)})
                  </>
                ) : null}
                {c.status === "paused" ? <>Paused: {minutesText(c.remainingMinutes ?? 0)} of business time left</> : null}
                {c.status === "inactive" ? <>Starts with the first public reply</> : null}
                {c.targetMinutes ? <span className="block text-xs">Target {minutesText(c.targetMinutes)} in business hours</span> : null}
              </dd>
            </div>
          ))}
        </dl>
        <dl className="mt-4 grid grid-cols-2 gap-2 border-t pt-3 text-sm">
          <dt className="text-muted-foreground">First response</dt>
          <dd>{ticket.firstResponseMinutes !== null ? minutesText(ticket.firstResponseMinutes) : "—"}</dd>
          <dt className="text-muted-foreground">Resolution</dt>
          <dd>{ticket.resolutionMinutes !== null ? minutesText(ticket.resolutionMinutes) : "—"}</dd>
          <dt className="text-muted-foreground">Escalation</dt>
          <dd>
            {ticket.escalationLevel}
            {ticket.escalatedAt ? ` since ${formatDateTime(ticket.escalatedAt, { zone: false })}` : ""}
          </dd>
        </dl>
        <p className="mt-2 text-xs text-muted-foreground">Business hours in {ticket.sla.calendarTimeZone}. The clocks stop while the ticket waits on the customer.</p>
      </CardContent>
    </Card>
  );
}
