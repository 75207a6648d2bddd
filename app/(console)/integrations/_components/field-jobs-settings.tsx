"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { TICKET_STATUS_INFO, TICKET_STATUSES, TICKET_TYPE_INFO, TICKET_TYPES, type TicketStatus } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { isDefaultEndingStatus } from "@/lib/validators/field-jobs";
import type { AppRouter } from "@/server/api/root";

type MappingRow = { remoteStatus: string; ticketStatus: TicketStatus | null; endsJob: boolean };
type Settings = inferRouterOutputs<AppRouter>["fieldJobs"]["settings"];

/** Admin: which remote statuses move tickets where, which ticket types create jobs by themselves, and the webhook secret. */
export function FieldJobsSettings({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.fieldJobs.settings.queryOptions({ connectionId }));
  if (!settings.data) return null;
  // Remounted when the saved settings change, so the form starts from them.
  return <SettingsForm key={settings.dataUpdatedAt} connectionId={connectionId} data={settings.data} />;
}

function SettingsForm({ connectionId, data }: { connectionId: string; data: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<MappingRow[]>(() => [
    ...data.mappings,
    ...data.unmappedStatuses.map((s) => ({ remoteStatus: s, ticketStatus: null, endsJob: isDefaultEndingStatus(s) })),
  ]);
  const setRow = (i: number, patch: Partial<MappingRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const [types, setTypes] = useState<string[]>(data.autoCreateTypes);
  const [secret, setSecret] = useState<string | null>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.fieldJobs.settings.queryKey({ connectionId }) });
  const saveMappings = useMutation(
    trpc.fieldJobs.saveStatusMappings.mutationOptions({
      onSuccess: () => {
        setMappingError(null);
        toast({ title: "Status mapping saved", variant: "success" });
        void reload();
      },
      onError: (e) => setMappingError(e.message),
    }),
  );
  const saveTypes = useMutation(
    trpc.fieldJobs.saveAutoCreate.mutationOptions({
      onSuccess: () => toast({ title: "Automatic job types saved", variant: "success" }),
      onError: (e) => toast({ title: "Could not save", description: e.message, variant: "error" }),
    }),
  );
  const rotate = useMutation(
    trpc.fieldJobs.rotateWebhookSecret.mutationOptions({
      // No refetch here: it would remount the form and lose the one-time secret.
      onSuccess: (r) => setSecret(r.secret),
    }),
  );
  const webhookUrl = typeof window === "undefined" ? "" : `${window.location.origin}/api/webhooks/ascora/${connectionId}`;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Job status → ticket status</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          <p className="text-sm text-muted-foreground">
            Every status change is written on the ticket&apos;s trail; mapped ones also move the ticket. At a status that ends the job, the ticket can get a
            new job (unmapped, Completed, Cancelled and Closed end it).
          </p>
          {rows.map((row, i) => (
            <div key={i} className="flex flex-wrap items-center gap-2" data-testid="status-mapping-row">
              <Input
                aria-label="Ascora status"
                className="min-w-0 flex-1"
                value={row.remoteStatus}
                onChange={(e) => setRow(i, { remoteStatus: e.target.value })}
              />
              <NativeSelect
                aria-label="Ticket status"
                className="w-48"
                value={row.ticketStatus ?? ""}
                onChange={(e) => setRow(i, { ticketStatus: (e.target.value || null) as TicketStatus | null })}
                options={[{ value: "", label: "Trail only" }, ...TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_INFO[s].label }))]}
              />
              <label className="inline-flex items-center gap-2 text-sm">
                <Checkbox
                  checked={row.endsJob}
                  aria-label={`${row.remoteStatus || "This status"} ends the job`}
                  onCheckedChange={(v) => setRow(i, { endsJob: v === true })}
                />
                <span aria-hidden>Ends the job</span>
              </label>
              <Button size="icon" variant="ghost" aria-label={`Remove ${row.remoteStatus || "row"}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                <Trash2 aria-hidden />
              </Button>
            </div>
          ))}
          {mappingError ? <Alert variant="danger">{mappingError}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="outline" onClick={() => setRows([...rows, { remoteStatus: "", ticketStatus: null, endsJob: false }])}>
              <Plus aria-hidden /> Add status
            </Button>
            <Button size="sm" loading={saveMappings.isPending} onClick={() => saveMappings.mutate({ connectionId, rows })}>
              Save mapping
            </Button>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Create jobs automatically</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          <p className="text-sm text-muted-foreground">New tickets of these types get a field job without an agent asking.</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {TICKET_TYPES.map((t) => (
              <label key={t} className="inline-flex items-center gap-2 text-sm">
                <Checkbox checked={types.includes(t)} onCheckedChange={(v) => setTypes(v === true ? [...types, t] : types.filter((x) => x !== t))} />
                {TICKET_TYPE_INFO[t].label}
              </label>
            ))}
          </div>
          <Button size="sm" loading={saveTypes.isPending} onClick={() => saveTypes.mutate({ connectionId, ticketTypes: types as (typeof TICKET_TYPES)[number][] })}>
            Save types
          </Button>
        </CardContent>
      </Card>

      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle as="h2">Status webhook</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3 text-sm">
          <p>
            In Ascora, send job status webhooks to <code className="break-all">{webhookUrl}</code>, signed with the shared secret below. Without a webhook,
            statuses still arrive by the pull every 5 minutes.
          </p>
          {secret ? (
            <Alert variant="warning" title="Copy the secret now: it is not shown again">
              <code className="break-all" data-testid="webhook-secret">
                {secret}
              </code>
            </Alert>
          ) : (
            <p className="text-muted-foreground">{data.webhookConfigured ? "A secret is set." : "No secret yet: webhooks are refused until you make one."}</p>
          )}
          <Button size="sm" variant="outline" loading={rotate.isPending} onClick={() => rotate.mutate({ connectionId })}>
            {secret || data.webhookConfigured ? "Replace secret" : "Make secret"}
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
