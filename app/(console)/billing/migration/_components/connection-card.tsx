"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf } from "../../_components/form-errors";

/** The legacy database URL (write-only), the tolerance, and "Test connection". */
export function ConnectionCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.legacyBilling.settings.get.queryOptions());
  const [url, setUrl] = useState("");
  const [tolerance, setTolerance] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.legacyBilling.pathKey() });
  const save = useMutation(trpc.legacyBilling.settings.save.mutationOptions({ onSuccess: () => (setUrl(""), refresh()) }));
  const test = useMutation(trpc.legacyBilling.settings.test.mutationOptions());
  const saveErrors = fieldErrorsOf(save.error);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    save.mutate({ ...(url.trim() ? { url: url.trim() } : {}), ...(tolerance !== null ? { tolerance } : {}) });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Legacy database</CardTitle>
        <CardDescription>
          {settings.data?.configured ? `Connected to ${settings.data.where}. The URL is stored encrypted and never shown again.` : "Not connected yet."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-4 md:grid-cols-[1fr_10rem]">
          <FormField label="Database URL" description="postgres://user:password@host:5432/database. Read-only: Switchboard never writes to it." error={saveErrors.fields.url ?? null}>
            <Input
              type="password"
              autoComplete="off"
              value={url}
              placeholder={settings.data?.configured ? "Leave empty to keep the saved URL" : "postgres://…"}
              onChange={(e) => setUrl(e.target.value)}
            />
          </FormField>
          <FormField label="Tolerance" description="Per row, in the plan's currency." error={saveErrors.fields.tolerance ?? null}>
            <Input inputMode="decimal" value={tolerance ?? settings.data?.tolerance ?? ""} onChange={(e) => setTolerance(e.target.value)} />
          </FormField>
          <div className="flex flex-wrap gap-2 md:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              Save
            </Button>
            <Button type="button" variant="outline" disabled={test.isPending} onClick={() => test.mutate(url.trim() ? { url: url.trim() } : {})}>
              Test connection
            </Button>
          </div>
        </form>
        <div className="mt-4 grid gap-2" aria-live="polite">
          {save.error && !saveErrors.fields.url && !saveErrors.fields.tolerance ? <Alert variant="danger">{save.error.message}</Alert> : null}
          {test.error ? <Alert variant="danger">{test.error.message}</Alert> : null}
          {test.data ? (
            <Alert variant="success">
              Connected to {test.data.where}: {test.data.counts.users} users, {test.data.counts.plans} plans, {test.data.counts.subscriptions} subscriptions,{" "}
              {test.data.counts.invoices} invoices, {test.data.counts.usage_records} usage records.
            </Alert>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
