"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Webhook } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { BILLING_EVENT_TYPES, webhookEndpointSchema, type WebhookFormat } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf, issuesByPath } from "../../_components/form-errors";
import { SecretOnceDialog } from "../../_components/secret-once-dialog";

type EventType = (typeof BILLING_EVENT_TYPES)[number];

export function EndpointsManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.billing.webhooks.list.queryOptions());
  const services = useQuery(trpc.billing.services.list.queryOptions());
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<{ serviceId: string; url: string; description: string; eventTypes: EventType[]; format: WebhookFormat }>({
    serviceId: "",
    url: "",
    description: "",
    eventTypes: [],
    format: "switchboard",
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation(
    trpc.billing.webhooks.create.mutationOptions({
      onSuccess: (r) => {
        setOpen(false);
        setSecret(r.secret);
        void queryClient.invalidateQueries({ queryKey: trpc.billing.webhooks.pathKey() });
      },
    }),
  );
  const server = fieldErrorsOf(create.error);
  const error = (f: string) => errors[f] ?? server.fields[f];
  function toggle(type: EventType) {
    setValues((v) => ({ ...v, eventTypes: v.eventTypes.includes(type) ? v.eventTypes.filter((t) => t !== type) : [...v.eventTypes, type] }));
  }
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...values, description: values.description || undefined };
    const parsed = webhookEndpointSchema.safeParse(input);
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setErrors({});
    create.mutate(input);
  }

  type Row = NonNullable<typeof endpoints.data>[number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "url",
      header: "Endpoint",
      cell: (e) => (
        <Link href={`/billing/webhooks/${e.id}`} className="break-all text-primary underline-offset-2 hover:underline">
          {e.url}
        </Link>
      ),
    },
    { id: "service", header: "Service", cell: (e) => e.service.code },
    { id: "events", header: "Events", cell: (e) => (e.eventTypes.length ? e.eventTypes.join(", ") : "all") },
    { id: "format", header: "Format", cell: (e) => (e.format === "lago" ? "Lago (X-Lago-Signature)" : "Switchboard") },
    {
      id: "deliveries",
      header: "Deliveries",
      cell: (e) => (
        <span className="flex flex-wrap gap-1">
          <Badge variant="success">{e.deliveries.delivered ?? 0} delivered</Badge>
          {e.deliveries.failed ? <Badge variant="warning">{e.deliveries.failed} retrying</Badge> : null}
          {e.deliveries.dead ? <Badge variant="danger">{e.deliveries.dead} dead</Badge> : null}
        </span>
      ),
    },
    { id: "state", header: "State", cell: (e) => (e.active ? <Badge variant="success">Active</Badge> : <Badge variant="outline">Paused</Badge>) },
  ];

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => { create.reset(); setErrors({}); setOpen(true); }}>
          <Plus aria-hidden />
          New endpoint
        </Button>
      </div>
      <DataTable
        label="Webhook endpoints"
        columns={columns}
        rows={endpoints.data ?? []}
        getRowId={(e) => e.id}
        loading={endpoints.isLoading}
        empty={<EmptyState icon={Webhook} title="No endpoints" description="Add the URL where a service wants billing events." />}
      />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-lg">
          <DialogHeader>
            <DialogTitle>New webhook endpoint</DialogTitle>
            <DialogDescription>URLs that point into private networks, loopback or cloud metadata addresses are refused.</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} noValidate className="grid gap-4">
            {server.message && Object.keys(server.fields).length === 0 ? <Alert variant="danger">{server.message}</Alert> : null}
            <FormField label="Service" required error={error("serviceId")}>
              <NativeSelect
                value={values.serviceId}
                placeholder="Whose events go here…"
                onChange={(e) => setValues({ ...values, serviceId: e.target.value })}
                options={(services.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
              />
            </FormField>
            <FormField label="URL" required error={error("url")}>
              <Input type="url" value={values.url} onChange={(e) => setValues({ ...values, url: e.target.value })} placeholder="https://app.example.com/hooks/billing" />
            </FormField>
            <FormField
              label="Format"
              error={error("format")}
              description="Lago: the receiver gets Lago's webhook bodies (invoice.created, invoice.payment_status_updated) signed with X-Lago-Signature (HMAC), so an app written for Lago works unchanged; other events are not sent to it."
            >
              <NativeSelect
                value={values.format}
                onChange={(e) => setValues({ ...values, format: e.target.value as WebhookFormat })}
                options={[
                  { value: "switchboard", label: "Switchboard (Switchboard-Signature)" },
                  { value: "lago", label: "Lago (X-Lago-Signature, HMAC)" },
                ]}
              />
            </FormField>
            <FormField label="Description" error={error("description")}>
              <Input value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
            </FormField>
            <fieldset className="grid gap-2 text-sm">
              <legend className="mb-1 font-medium">Events (none ticked = all)</legend>
              {BILLING_EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-center gap-2">
                  <input type="checkbox" checked={values.eventTypes.includes(type)} onChange={() => toggle(type)} />
                  <code className="text-xs">{type}</code>
                </label>
              ))}
            </fieldset>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Add endpoint
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <SecretOnceDialog
        title="Signing secret"
        secret={secret}
        note="The receiver checks Switchboard-Signature (t=…,v1=HMAC-SHA256 of `${t}.${body}`) with this secret. It can be revealed again on the endpoint's page."
        onClose={() => setSecret(null)}
      />
    </div>
  );
}
