"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { formatHoursMinutes } from "@/lib/hour-cards/format-minutes";
import { parseDuration } from "@/lib/validators/hour-cards";
import { useTRPC } from "@/lib/trpc/react";
import { formErrors } from "@/lib/hour-cards/form-errors";
import { newRequestId } from "@/lib/request-id";
import { formatDateTime } from "@/lib/utils";

/** Time on a ticket: log minutes (billable time draws on an hour card) and see who logged what, when, on which card. */
export function TimeLogCard({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entries = useQuery(trpc.hourCards.timeEntries.queryOptions({ ticketId }));
  const cards = useQuery(trpc.hourCards.cardsForTicket.queryOptions({ ticketId }));
  const [time, setTime] = useState("");
  const [note, setNote] = useState("");
  const [billable, setBillable] = useState(true);
  const [cardId, setCardId] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  // One id per entry being written: a double click or a retry sends the same one and logs once.
  const [requestId, setRequestId] = useState(newRequestId);

  const log = useMutation(
    trpc.hourCards.logTime.mutationOptions({
      onSuccess: (r) => {
        setRequestId(newRequestId());
        setTime("");
        setNote("");
        setErrors({});
        toast({ title: "Time logged", description: r.balanceMinutes === null ? "Not billable" : `${formatHoursMinutes(r.balanceMinutes)} left on the card`, variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.hourCards.timeEntries.queryKey({ ticketId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.hourCards.cardsForTicket.queryKey({ ticketId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.tickets.get.pathKey() });
      },
      onError: (error) => {
        setErrors(formErrors(error, "ticketId"));
      },
    }),
  );

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const minutes = parseDuration(time);
    if (minutes === null) return setErrors({ minutes: "Enter the time as 1:30, 1.5 or 90m" });
    if (minutes <= 0) return setErrors({ minutes: "The time must be more than zero" });
    log.mutate({ ticketId, minutes, note, billable, cardId: billable && cardId ? cardId : null, requestId });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Time</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={submit} className="space-y-3" aria-label="Log time">
          <FormField label="Time spent" description="1:30, 1.5 (hours) or 90m" error={errors.minutes} required>
            <Input value={time} onChange={(e) => setTime(e.target.value)} inputMode="decimal" placeholder="0:30" required />
          </FormField>
          <FormField label="Note" error={errors.note} required>
            <Textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} required />
          </FormField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} className="size-4" />
            Billable (draws on an hour card)
          </label>
          {billable ? (
            <FormField label="Hour card" error={errors.cardId} description={cards.data?.length === 0 ? "This customer has no active hour card." : undefined}>
              <NativeSelect
                value={cardId}
                onChange={(e) => setCardId(e.target.value)}
                options={[
                  { value: "", label: "Default (soonest expiring)" },
                  ...(cards.data ?? []).map((c) => ({ value: c.id, label: `${c.name}: ${formatHoursMinutes(c.balanceMinutes)} left` })),
                ]}
              />
            </FormField>
          ) : null}
          {errors.form ? <p role="alert" className="text-sm text-danger">{errors.form}</p> : null}
          <Button type="submit" size="sm" loading={log.isPending}>
            Log time
          </Button>
        </form>
        <div>
          <h3 className="mb-2 text-sm font-semibold">Logged</h3>
          {entries.data?.length ? (
            <ul className="space-y-2 text-sm" aria-label="Time entries">
              {entries.data.map((e) => (
                <li key={e.id} className="rounded border p-2">
                  <div className="flex flex-wrap justify-between gap-2">
                    <span className="font-medium">{formatHoursMinutes(e.minutes)}</span>
                    <span className="text-muted-foreground">{e.billable ? (e.card ? e.card.name : "Billable") : "Not billable"}</span>
                  </div>
                  <p className="break-words">{e.note}</p>
                  <p className="text-xs text-muted-foreground">
                    {e.authorName} · {formatDateTime(e.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No time logged yet.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
