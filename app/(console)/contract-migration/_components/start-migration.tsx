"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CustomerPicker } from "@/components/billing/customer-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import { TimeLogSettingsForm } from "./time-log-settings-form";

/** Step 1: pick a connection and a contract, dry run (default) or live. */
export function StartMigration() {
  const trpc = useTRPC();
  const router = useRouter();
  const connections = useQuery(trpc.contractMigration.connections.queryOptions());
  const [connectionId, setConnectionId] = useState("");
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [dryRun, setDryRun] = useState(true);
  const chosen = connectionId || connections.data?.[0]?.id || "";
  const contracts = useQuery({
    ...trpc.contractMigration.contracts.queryOptions({ connectionId: chosen, search: query || undefined, customerId: customerId || undefined }),
    enabled: chosen !== "",
    retry: false,
  });
  const start = useMutation(
    trpc.contractMigration.runs.start.mutationOptions({
      onSuccess: (r) => router.push(`/contract-migration/runs/${r.runId}`),
    }),
  );

  if (connections.data && connections.data.length === 0) {
    return <EmptyState title="No Vtiger connection" description="Add a Vtiger connection under Integrations to migrate its service contracts." />;
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Start a migration</CardTitle>
        <CardDescription>Dry run is on by default: it goes through every step and writes nothing but its own report.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="grid gap-4 md:grid-cols-3">
          <div className="grid gap-1.5">
            <Label htmlFor="cm-connection">CRM connection</Label>
            <NativeSelect
              id="cm-connection"
              value={chosen}
              onChange={(e) => setConnectionId(e.target.value)}
              options={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </div>
          <form
            className="grid gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery(search.trim());
            }}
          >
            <Label htmlFor="cm-search">Search contracts</Label>
            <div className="flex gap-2">
              <Input id="cm-search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Subject contains…" />
              <Button type="submit" variant="outline">
                Search
              </Button>
            </div>
          </form>
          <div className="grid gap-1.5">
            <Label htmlFor="cm-customer">Account (customer)</Label>
            <CustomerPicker id="cm-customer" value={customerId} onChange={(c) => setCustomerId(c?.id ?? "")} />
          </div>
        </div>
        {chosen ? <TimeLogSettingsForm connectionId={chosen} /> : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} className="size-4" />
          Dry run (nothing is archived or transferred)
        </label>
        {!dryRun ? <Alert variant="warning" title="Live run">Each decision commits at once: cases are archived and hours go onto cards.</Alert> : null}
        {contracts.error ? <Alert variant="danger" title="Could not list contracts">{contracts.error.message}</Alert> : null}
        {start.error ? <Alert variant="danger" title="The run cannot start">{start.error.message}</Alert> : null}
        {contracts.data && contracts.data.length === 0 ? (
          <EmptyState title="No contracts match" description="Change the search or the account filter." />
        ) : null}
        <ul className="divide-y" aria-label="Service contracts">
          {(contracts.data ?? []).map((c) => (
            <li key={c.externalId} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium">
                  {c.number} {c.name}
                </p>
                <p className="text-sm text-muted-foreground">
                  {c.customer ? c.customer.name : c.accountExternalId ? `Account ${c.accountExternalId} is not linked to a customer` : "No account in the CRM"}
                  {c.status ? ` · ${c.status}` : ""}
                  {c.trackingUnit ? ` · ${c.usedUnits} of ${c.totalUnits} ${c.trackingUnit.toLowerCase()} used` : ""}
                </p>
              </div>
              <Button
                size="sm"
                variant={dryRun ? "outline" : "default"}
                disabled={start.isPending}
                onClick={() => start.mutate({ connectionId: chosen, contractId: c.externalId, dryRun })}
                aria-label={`${dryRun ? "Dry run" : "Run live"}: ${c.number} ${c.name}`}
              >
                {dryRun ? "Dry run" : "Run live"}
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
