"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

/** Bearer keys for POST /api/v1/tickets, one organisation each; a new key is shown once. */
export function ApiKeysManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.helpdesk.settings.apiKeys.queryOptions());
  const options = useQuery(trpc.helpdesk.tickets.options.queryOptions());
  const [organisationId, setOrganisationId] = useState("");
  const [name, setName] = useState("");
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.helpdesk.settings.apiKeys.queryKey() });

  const create = useMutation(
    trpc.helpdesk.settings.createApiKey.mutationOptions({
      onSuccess: (r) => {
        setShown({ key: r.key, name });
        setName("");
        setErrors({});
        void refresh();
      },
      onError: (error) => {
        setErrors(fieldErrorsOf(error));
        toast({ title: "Key not created", description: error.message, variant: "error" });
      },
    }),
  );
  const revoke = useMutation(trpc.helpdesk.settings.revokeApiKey.mutationOptions({ onSuccess: () => void refresh() }));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <Card>
        <CardHeader>
          <CardTitle as="h2">API keys</CardTitle>
          <CardDescription>
            Clients&apos; apps send <code>Authorization: Bearer &lt;key&gt;</code> to <code>POST /api/v1/tickets</code>. Tickets are filed for the key&apos;s organisation.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {shown ? (
            <Alert variant="success" title={`Key "${shown.name}" created`}>
              <p>Copy it now: it is stored only as a hash and cannot be shown again.</p>
              <code className="mt-2 block break-all rounded bg-muted p-2 font-mono text-xs" data-testid="new-api-key">
                {shown.key}
              </code>
              <div className="mt-2 flex gap-2">
                <Button size="sm" variant="outline" onClick={() => void navigator.clipboard?.writeText(shown.key).then(() => toast({ title: "Copied" }))}>
                  Copy
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setShown(null)}>
                  Done
                </Button>
              </div>
            </Alert>
          ) : null}
          {keys.data?.length === 0 ? <EmptyState icon={KeyRound} title="No API keys" description="Create one for a client whose app files tickets." /> : null}
          <ul className="divide-y">
            {keys.data?.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <div className="font-medium">
                    {k.name} <span className="font-mono text-xs text-muted-foreground">{k.keyPrefix}…</span>
                  </div>
                  <div className="text-sm text-muted-foreground">
                    {k.organisation.label} · created {formatDateTime(k.createdAt, { zone: false })} · {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt, { zone: false })}` : "never used"}
                  </div>
                </div>
                {k.revokedAt ? (
                  <Badge variant="secondary">Revoked {formatDateTime(k.revokedAt, { zone: false })}</Badge>
                ) : (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => {
                      if (window.confirm(`Revoke "${k.name}"? Requests with it will be refused at once.`)) revoke.mutate({ id: k.id });
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Create a key</CardTitle>
        </CardHeader>
        <CardContent>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ organisationId, name });
            }}
          >
            <FormField label="Organisation" required error={errors.organisationId}>
              <NativeSelect
                value={organisationId}
                onChange={(e) => setOrganisationId(e.target.value)}
                placeholder="Choose a client…"
                required
                options={(options.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))}
              />
            </FormField>
            <FormField label="Name" description="What uses it, e.g. Entech portal" required error={errors.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} required />
            </FormField>
            <Button type="submit" loading={create.isPending}>Create key</Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
