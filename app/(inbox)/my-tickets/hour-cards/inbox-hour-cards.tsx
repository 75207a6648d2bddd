"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { HourCardsTable } from "@/components/hour-cards/hour-cards-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import { useTRPC } from "@/lib/trpc/react";
import { formatDate } from "@/lib/utils";

export function InboxHourCards() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.hourCards.mine.queryOptions());
  const cards = mine.data?.cards ?? [];
  const cardName = new Map(cards.map((c) => [c.id, c.name]));
  return (
    <div className="space-y-6">
      <HourCardsTable
        label="Your hour cards"
        showCustomer={false}
        rows={cards}
        loading={mine.isLoading}
        empty={<EmptyState title="No hour cards yet" description="Prepaid hours bought from us show here with what is left on each." />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Tickets that used your hours</CardTitle>
        </CardHeader>
        <CardContent>
          {mine.data?.usage.length ? (
            <ul className="divide-y text-sm" aria-label="Tickets that used your hours">
              {mine.data.usage.map((u) => (
                <li key={`${u.ticket.id}-${u.cardId}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/my-tickets/${u.ticket.number}`} className="min-w-0 text-primary underline-offset-2 hover:underline">
                    <span className="font-medium">{u.ticket.number}</span> {u.ticket.subject}
                  </Link>
                  <span className="text-muted-foreground">
                    {formatHoursMinutes(u.minutes)} from {cardName.get(u.cardId) ?? "a card"}
                    {u.lastLoggedAt ? ` · ${formatDate(u.lastLoggedAt)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No ticket has used your hours yet.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
