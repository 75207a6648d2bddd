"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { ActionTrail } from "./action-trail";
import { usePeopleMutationHandlers } from "./use-people-mutation";

/**
 * A person's account on their page: status, memberships, last sign-in, failed
 * attempts and locks, sessions, every account action and the trail of who did what.
 */
export function AccountPanel({ userId, canBlock, afterDeleteHref }: { userId: string; canBlock: boolean; afterDeleteHref: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const detail = useQuery(trpc.people.members.get.queryOptions({ userId }));
  const h = usePeopleMutationHandlers("Done");
  const disable = useMutation(trpc.people.members.disable.mutationOptions(h));
  const enable = useMutation(trpc.people.members.enable.mutationOptions(h));
  const unlock = useMutation(trpc.people.members.unlock.mutationOptions(h));
  const signOut = useMutation(trpc.people.members.signOutEverywhere.mutationOptions(h));
  const reset = useMutation(trpc.people.members.sendPasswordReset.mutationOptions(h));
  const remove = useMutation(trpc.people.members.delete.mutationOptions({ ...h, onSuccess: () => router.push(afterDeleteHref) }));
  const block = useMutation(trpc.people.blocks.create.mutationOptions(h));
  const d = detail.data;
  if (!d) return null;
  const confirmThen = (question: string, run: () => void) => () => {
    if (window.confirm(question)) run();
  };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Account</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3 text-sm">
          <p data-testid="account-status">
            Status: {d.status === "disabled" ? <Badge variant="danger">Disabled</Badge> : <Badge variant="success">Active</Badge>}
            {d.hasPassword ? " · has a password" : " · signs in by e-mail link"}
          </p>
          <p>
            {d.memberships.map((m) => `${ROLE_LABELS[m.role]} at ${m.name} (${m.label})`).join("; ") || "No membership"}
          </p>
          <p>Last sign-in: {d.lastSignIn ? `${formatDateTime(d.lastSignIn.occurredAt)} from ${d.lastSignIn.ip}` : "never"}</p>
          <p>Failed sign-ins in the current window: {d.failedAttempts}</p>
          <p>Open sessions: {d.sessions.length}</p>
          {d.locks.length > 0 ? (
            <ul aria-label="Lock-outs" className="space-y-1">
              {d.locks.map((l) => (
                <li key={l.ip} className="flex flex-wrap items-center gap-2">
                  <Badge variant="warning">Locked</Badge> from {l.ip} until {formatDateTime(l.until)}
                  {canBlock ? (
                    <Button size="sm" variant="outline" onClick={() => block.mutate({ address: l.ip, duration: "24h", reason: `Lock-out of ${d.email}` })}>
                      Block {l.ip} for 24 h
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Not locked out.</p>
          )}
          <div className="flex flex-wrap gap-2 pt-2">
            {d.locks.length > 0 ? <Button size="sm" onClick={() => unlock.mutate({ userId })}>Unlock</Button> : null}
            <Button size="sm" variant="outline" onClick={() => reset.mutate({ userId })} disabled={d.status === "disabled"}>
              Send password-reset link
            </Button>
            <Button size="sm" variant="outline" onClick={() => signOut.mutate({ userId })}>
              Sign out everywhere
            </Button>
            {d.status === "disabled" ? (
              <Button size="sm" variant="outline" onClick={() => enable.mutate({ userId })}>
                Enable
              </Button>
            ) : (
              <Button size="sm" variant="destructive" onClick={confirmThen(`Disable ${d.email}? Their sessions end at once.`, () => disable.mutate({ userId }))}>
                Disable
              </Button>
            )}
            <Button size="sm" variant="ghost" onClick={confirmThen(`Delete ${d.email}? Their history stays, shown as "deleted user".`, () => remove.mutate({ userId }))}>
              Delete
            </Button>
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Account history</CardTitle>
        </CardHeader>
        <CardContent>
          <ActionTrail actions={d.actions} />
        </CardContent>
      </Card>
    </div>
  );
}
