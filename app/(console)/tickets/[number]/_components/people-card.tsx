"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { linksByRecipient } from "@/lib/helpdesk/follow-links";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import type { ConsoleTicketData } from "./ticket-types";

/** Reporter, followers (who get public replies by e-mail) and the follow-up links issued to them. */
export function PeopleCard({ ticket, onChanged }: { ticket: ConsoleTicketData; onChanged: () => unknown }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string | null>(null);
  const addFollower = useMutation(
    trpc.helpdesk.tickets.addFollower.mutationOptions({
      onSuccess: () => {
        setEmail("");
        setEmailError(null);
        void onChanged();
      },
      onError: (error) => {
        setEmailError(fieldErrorsOf(error).email?.[0] ?? error.message);
      },
    }),
  );
  const revoke = useMutation(
    trpc.helpdesk.tickets.revokeLinks.mutationOptions({
      onSuccess: (r) => {
        toast({ title: r.revoked ? `${r.revoked} link${r.revoked === 1 ? "" : "s"} revoked` : "Nothing to revoke" });
        void onChanged();
      },
    }),
  );
  const live = ticket.accessTokens.filter((l) => !l.revokedAt && !l.expired);

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">People</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4 text-sm">
        <div>
          <div className="font-medium">{ticket.reporterName}</div>
          <a className="text-primary hover:underline" href={`mailto:${ticket.reporterEmail}`}>
            {ticket.reporterEmail}
          </a>
          <div className="text-xs text-muted-foreground">Reporter · {ticket.organisation.label}</div>
        </div>
        <div>
          <h3 className="mb-1 font-medium">Followers</h3>
          <ul className="space-y-1">
            {ticket.followers.map((f) => (
              <li key={f.id} className="truncate">
                {f.name ? `${f.name} · ` : ""}
                {f.email}
              </li>
            ))}
          </ul>
          <form
            className="mt-2 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              addFollower.mutate({ ticketId: ticket.id, email });
            }}
          >
            <FormField label="Add follower" error={emailError} className="flex-1">
              <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" required />
            </FormField>
            <Button type="submit" size="sm" variant="outline" loading={addFollower.isPending}>
              Add
            </Button>
          </form>
        </div>
        <div>
          <div className="mb-1 flex items-center justify-between">
            <h3 className="font-medium">Follow-up links</h3>
            {live.length > 0 ? (
              <Button size="sm" variant="ghost" onClick={() => revoke.mutate({ ticketId: ticket.id })}>
                Revoke all
              </Button>
            ) : null}
          </div>
          {ticket.accessTokens.length === 0 ? <p className="text-muted-foreground">No links issued yet.</p> : null}
          <ul className="space-y-2" aria-label="Follow-up links per recipient">
            {linksByRecipient(ticket.accessTokens).map((r) => (
              <li key={r.recipientEmail} className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="break-all">{r.recipientEmail}</div>
                  <div className="text-xs text-muted-foreground">
                    {r.sent === 1 ? "1 link" : `${r.sent} links`}, last sent {formatDateTime(r.lastSentAt, { zone: false })}
                    {r.lastUsedAt ? ` · used ${formatDateTime(r.lastUsedAt, { zone: false })}` : ""}
                  </div>
                </div>
                {r.live === 0 ? (
                  <Badge variant="secondary">No live link</Badge>
                ) : (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => revoke.mutate({ ticketId: ticket.id, recipientEmail: r.recipientEmail })}
                    aria-label={`Revoke links for ${r.recipientEmail}`}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </div>
      </CardContent>
    </Card>
  );
}
