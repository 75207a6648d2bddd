"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Server } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { formatNumber, formatRelative } from "@/lib/utils";
import { serviceSchema } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf, issuesByPath } from "../../_components/form-errors";
import { SecretOnceDialog } from "../../_components/secret-once-dialog";

export function ServicesManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const services = useQuery(trpc.billing.services.list.queryOptions());
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ name: "", code: "", rateLimitPerMinute: "600" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [shownKey, setShownKey] = useState<{ title: string; key: string } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.billing.services.pathKey() });
  const create = useMutation(
    trpc.billing.services.create.mutationOptions({
      onSuccess: (r) => {
        setOpen(false);
        setShownKey({ title: `API key of ${r.service.name}`, key: r.apiKey });
        refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.billing.services.rotateKey.mutationOptions({
      onSuccess: (r) => {
        setShownKey({ title: "New API key", key: r.apiKey });
        refresh();
      },
      onError: (error) => toast({ title: "Could not rotate", description: error.message, variant: "error" }),
    }),
  );
  const update = useMutation(
    trpc.billing.services.update.mutationOptions({
      onSuccess: () => refresh(),
      onError: (error) => toast({ title: "Not saved", description: error.message, variant: "error" }),
    }),
  );
  const server = fieldErrorsOf(create.error);
  const error = (f: string) => errors[f] ?? server.fields[f];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = serviceSchema.safeParse(values);
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setErrors({});
    create.mutate({ ...values, rateLimitPerMinute: Number(values.rateLimitPerMinute) });
  }

  type Row = NonNullable<typeof services.data>[number];
  const columns: DataTableColumn<Row>[] = [
    { id: "name", header: "Service", cell: (s) => <span className="font-medium">{s.name} <span className="text-xs text-muted-foreground">{s.code}</span></span> },
    { id: "key", header: "API key", cell: (s) => <code className="text-xs">{s.apiKeyPrefix}…</code> },
    { id: "limit", header: "Rate limit", align: "end", cell: (s) => `${formatNumber(s.rateLimitPerMinute)}/min` },
    { id: "usage", header: "Last used", cell: (s) => (s.lastUsedAt ? formatRelative(s.lastUsedAt) : "never") },
    { id: "counts", header: "Accounts / subscriptions / endpoints", cell: (s) => `${s._count.accountLinks} / ${s._count.subscriptions} / ${s._count.webhookEndpoints}` },
    { id: "state", header: "State", cell: (s) => (s.active ? <Badge variant="success">Active</Badge> : <Badge variant="outline">Deactivated</Badge>) },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (s) => (
        <span className="flex justify-end gap-2">
          <Button size="sm" variant="outline" loading={rotate.isPending && rotate.variables?.id === s.id} onClick={() => rotate.mutate({ id: s.id })}>
            Rotate key
          </Button>
          <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: s.id, active: !s.active })}>
            {s.active ? "Deactivate" : "Activate"}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => { create.reset(); setErrors({}); setOpen(true); }}>
          <Plus aria-hidden />
          New service
        </Button>
      </div>
      <DataTable
        label="Services"
        columns={columns}
        rows={services.data ?? []}
        getRowId={(s) => s.id}
        loading={services.isLoading}
        empty={<EmptyState icon={Server} title="No services" description="Add each app that pushes usage (NexaCloud, NexaDesk, …)." />}
      />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-md">
          <DialogHeader>
            <DialogTitle>New service</DialogTitle>
            <DialogDescription>Its API key is shown once, right after this.</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} noValidate className="grid gap-4">
            {server.message && Object.keys(server.fields).length === 0 ? <Alert variant="danger">{server.message}</Alert> : null}
            <FormField label="Name" required error={error("name")}>
              <Input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
            </FormField>
            <FormField label="Code" required error={error("code")} description="e.g. nexacloud">
              <Input value={values.code} onChange={(e) => setValues({ ...values, code: e.target.value })} autoComplete="off" />
            </FormField>
            <FormField label="Requests per minute" required error={error("rateLimitPerMinute")} description="Beyond this the API answers 429 with Retry-After">
              <Input inputMode="numeric" value={values.rateLimitPerMinute} onChange={(e) => setValues({ ...values, rateLimitPerMinute: e.target.value })} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create service
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <SecretOnceDialog
        title={shownKey?.title ?? "API key"}
        secret={shownKey?.key ?? null}
        note="The app sends it as Authorization: Bearer <key> to /api/billing/v1."
        onClose={() => setShownKey(null)}
      />
    </div>
  );
}
