"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { usePeopleMutationHandlers } from "./use-people-mutation";

/** Pending invitations of one organisation, with resend and revoke. */
export function PendingInvitations({ organisationId }: { organisationId: string }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.people.invitations.listPending.queryOptions({ organisationId }));
  const resendHandlers = usePeopleMutationHandlers("Invitation re-sent with a new link");
  const revokeHandlers = usePeopleMutationHandlers("Invitation revoked");
  const resend = useMutation(trpc.people.invitations.resend.mutationOptions(resendHandlers));
  const revoke = useMutation(trpc.people.invitations.revoke.mutationOptions(revokeHandlers));
  if (!pending.data?.length) return <p className="text-sm text-muted-foreground">No pending invitations.</p>;
  return (
    <ul className="divide-y" aria-label="Pending invitations">
      {pending.data.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div>
            <div className="font-medium">{i.email}</div>
            <div className="text-sm text-muted-foreground">
              {ROLE_LABELS[i.role]} · sent {formatDateTime(i.lastSentAt)} ·{" "}
              {i.expired ? <Badge variant="warning">expired</Badge> : `valid until ${formatDateTime(i.expiresAt)}`}
            </div>
          </div>
          <div className="flex gap-2">
            <Button size="sm" variant="outline" onClick={() => resend.mutate({ id: i.id })} aria-label={`Resend invitation to ${i.email}`}>
              Resend
            </Button>
            <Button size="sm" variant="ghost" onClick={() => revoke.mutate({ id: i.id })} aria-label={`Revoke invitation to ${i.email}`}>
              Revoke
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
