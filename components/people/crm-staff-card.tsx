"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { usePeopleMutationHandlers } from "./use-people-mutation";

type Connection = NonNullable<ReturnType<typeof useStaffState>["data"]>["connections"][number];

function useStaffState(userId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.crm.staff.state.queryOptions({ userId }),
    // Poll only while the queue still has work for this person.
    refetchInterval: (q) => (q.state.data?.connections.some((c) => c.state === "pending" || c.waitingItems > 0) ? 2000 : false),
  });
}

const STATE_BADGES: Record<Connection["state"], { label: string; variant: "success" | "secondary" | "warning" | "danger" }> = {
  synced: { label: "Synced", variant: "success" },
  pending: { label: "Sync queued", variant: "warning" },
  failed: { label: "Not synced", variant: "danger" },
  none: { label: "Not synced", variant: "secondary" },
};

/**
 * The person's CRM staff account (provider staff only): "Synced" with a link
 * to the CRM user and a re-sync, or "Not synced" with a way to create or link
 * one. Where the CRM cannot create users (Vtiger 8.4), the card says what its
 * admin must do first. A generated password is shown once, here only.
 */
export function CrmStaffCard({ userId, email }: { userId: string; email: string }) {
  const state = useStaffState(userId);
  const [shown, setShown] = useState<string | null>(null);
  if (!state.data?.isStaff) return null;
  return (
    <Card data-testid="crm-staff-card">
      <CardHeader>
        <CardTitle as="h2">CRM staff account</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4 text-sm">
        {shown ? (
          <Alert variant="warning" title="New password, set here and queued for the CRM" action={<Button size="sm" variant="outline" onClick={() => setShown(null)}>Done</Button>}>
            <p>Give it to {email} now: it is not shown again.</p>
            <code className="mt-1 block break-all select-all" data-testid="generated-password">{shown}</code>
          </Alert>
        ) : null}
        {state.data.connections.length === 0 ? (
          <p>
            No CRM connection syncs staff accounts.{" "}
            <Link href="/integrations" className="text-primary underline-offset-2 hover:underline">
              Set one up under Integrations
            </Link>{" "}
            (enable its Users module and choose the staff role).
          </p>
        ) : (
          state.data.connections.map((c) => <ConnectionAccount key={c.id} userId={userId} email={email} connection={c} onPassword={setShown} />)
        )}
      </CardContent>
    </Card>
  );
}

function ConnectionAccount({ userId, email, connection: c, onPassword }: { userId: string; email: string; connection: Connection; onPassword: (p: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const h = usePeopleMutationHandlers("Queued for the CRM");
  const handlers = {
    onError: h.onError,
    onSuccess: (r: { generatedPassword: string | null } | { itemId: string }) => {
      h.onSuccess();
      if ("generatedPassword" in r && r.generatedPassword) onPassword(r.generatedPassword);
      void queryClient.invalidateQueries({ queryKey: trpc.crm.staff.pathKey() });
    },
  };
  const link = useMutation(trpc.crm.staff.link.mutationOptions(handlers));
  const resync = useMutation(trpc.crm.staff.resync.mutationOptions(handlers));
  const reset = useMutation(trpc.crm.staff.resetPassword.mutationOptions(handlers));
  const [crmUser, setCrmUser] = useState(email);
  const [password, setPassword] = useState("");
  const badge = STATE_BADGES[c.state];
  const headingId = `crm-${c.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="crm-connection-account">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-medium">
          {c.name}
        </h3>
        <Badge variant={badge.variant} data-testid="crm-link-state">
          {badge.label}
        </Badge>
        {c.remoteUrl && c.state === "synced" ? (
          <a href={c.remoteUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-primary hover:underline">
            Open the CRM user <ExternalLink aria-hidden className="size-3" />
          </a>
        ) : null}
        {c.lastSyncedAt ? <span className="text-muted-foreground">last synced {formatDateTime(c.lastSyncedAt)}</span> : null}
      </div>
      {c.lastError ? (
        <Alert variant="danger" title="The CRM did not accept the last change">
          <p>{c.lastError}</p>
        </Alert>
      ) : null}
      {c.state === "synced" ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" loading={resync.isPending} onClick={() => resync.mutate({ userId, connectionId: c.id })}>
            Re-sync status
          </Button>
          <Button
            size="sm"
            variant="outline"
            loading={reset.isPending}
            onClick={() => window.confirm(`Set a new password for ${email} here and in the CRM? It is shown once.`) && reset.mutate({ userId })}
          >
            New password (both systems)
          </Button>
        </div>
      ) : c.state === "pending" ? (
        <p>Waiting for the CRM ({c.waitingItems} queued).</p>
      ) : (
        <>
          {!c.canCreate ? (
            <Alert variant="info" title="Create the user in the CRM first, then link it here" data-testid="crm-limits">
              <p>{c.limits}</p>
            </Alert>
          ) : null}
          <form
            className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              link.mutate({ userId, connectionId: c.id, crmUserNameOrEmail: crmUser, password });
            }}
          >
            <FormField label="CRM user name or e-mail" required error={h.errors.crmUserNameOrEmail}>
              <Input value={crmUser} onChange={(e) => setCrmUser(e.target.value)} required maxLength={200} />
            </FormField>
            <FormField label="Password for both systems" description="Blank: one is generated and shown once" error={h.errors.password}>
              <Input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} />
            </FormField>
            <Button type="submit" loading={link.isPending}>
              {c.canCreate ? "Create CRM user" : "Link CRM user"}
            </Button>
          </form>
        </>
      )}
      {c.state === "synced" && !c.canCreate && c.limits ? <p className="text-muted-foreground">{c.limits}</p> : null}
    </section>
  );
}
