"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { usePeopleMutationHandlers } from "@/components/people/use-people-mutation";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

const DURATIONS = [
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "365d", label: "1 year" },
] as const;

/** Blocked client addresses and ranges: refused at every sign-in path until they expire or are removed. */
export function AddressBlocksCard() {
  const trpc = useTRPC();
  const blocks = useQuery(trpc.people.blocks.list.queryOptions());
  const [address, setAddress] = useState("");
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]["value"]>("24h");
  const [reason, setReason] = useState("");
  const handlers = usePeopleMutationHandlers("Address blocked");
  const removeHandlers = usePeopleMutationHandlers("Block removed");
  const create = useMutation(trpc.people.blocks.create.mutationOptions({ ...handlers, onSuccess: () => (setAddress(""), setReason(""), handlers.onSuccess()) }));
  const remove = useMutation(trpc.people.blocks.remove.mutationOptions(removeHandlers));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Blocked addresses</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {blocks.data?.length === 0 ? <p className="text-sm text-muted-foreground">No address is blocked.</p> : null}
        <ul className="divide-y" aria-label="Blocked addresses">
          {blocks.data?.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div>
                <span className="font-mono">{b.cidr}</span> until {formatDateTime(b.expiresAt)}
                {b.reason ? <span className="text-muted-foreground"> · {b.reason}</span> : null}
              </div>
              <Button size="sm" variant="ghost" onClick={() => remove.mutate({ id: b.id })} aria-label={`Remove block of ${b.cidr}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ address, duration, reason });
          }}
        >
          <FormField label="Address or range" required error={handlers.errors.address} description="e.g. 203.0.113.7 or 203.0.113.0/24" className="min-w-48 flex-1">
            <Input value={address} onChange={(e) => setAddress(e.target.value)} required />
          </FormField>
          <FormField label="For">
            <NativeSelect value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)} options={DURATIONS} />
          </FormField>
          <FormField label="Reason" error={handlers.errors.reason} className="min-w-40 flex-1">
            <Input value={reason} onChange={(e) => setReason(e.target.value)} />
          </FormField>
          <Button type="submit" loading={create.isPending}>
            Block
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
