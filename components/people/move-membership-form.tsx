"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ROLE_LABELS, type AppRole } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import { usePeopleMutationHandlers } from "./use-people-mutation";

const CLIENT_ROLES: AppRole[] = ["CLIENT_USER", "CLIENT_ADMIN"];

/**
 * Moves one of the person's memberships to another client organisation with
 * a client role (provider admins). The server keeps the rules: nobody moves
 * themselves, the last provider admin stays, archived organisations refuse.
 */
export function MoveMembershipForm({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const memberships = useQuery(trpc.people.members.get.queryOptions({ userId })).data?.memberships ?? [];
  const [chosenFrom, setFrom] = useState("");
  const from = chosenFrom || (memberships[0]?.organisationId ?? "");
  const [search, setSearch] = useState("");
  const [to, setTo] = useState("");
  const [role, setRole] = useState<AppRole>("CLIENT_USER");
  const query = useDeferredValue(search.trim());
  const targets = useQuery(trpc.people.organisations.list.queryOptions({ search: query || undefined, status: "active", pageSize: 20 }));
  const options = (targets.data?.rows ?? []).filter((o) => !memberships.some((m) => m.organisationId === o.id));
  const h = usePeopleMutationHandlers("Membership moved");
  const move = useMutation(trpc.people.members.move.mutationOptions({ ...h, onSuccess: () => (setTo(""), setSearch(""), h.onSuccess()) }));
  if (memberships.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Move to another organisation</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          aria-label="Move membership"
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({ userId, fromOrganisationId: from, toOrganisationId: to, role });
          }}
        >
          <FormField label="From" error={h.errors.fromOrganisationId}>
            <NativeSelect value={from} onChange={(e) => setFrom(e.target.value)} options={memberships.map((m) => ({ value: m.organisationId, label: `${m.name} (${m.label}) · ${ROLE_LABELS[m.role]}` }))} />
          </FormField>
          <FormField label="Find the organisation" description="Name, label or owner">
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
          </FormField>
          <FormField label="To" required error={h.errors.toOrganisationId}>
            <NativeSelect
              value={to}
              onChange={(e) => setTo(e.target.value)}
              required
              options={[
                { value: "", label: targets.isLoading ? "Loading…" : options.length ? "Choose an organisation" : "No organisation matches" },
                ...options.map((o) => ({ value: o.id, label: `${o.name} (${o.label})` })),
              ]}
            />
          </FormField>
          <FormField label="Role there" error={h.errors.role}>
            <NativeSelect value={role} onChange={(e) => setRole(e.target.value as AppRole)} options={CLIENT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </FormField>
          {h.errors.userId ? <p className="text-sm text-danger sm:col-span-2">{h.errors.userId}</p> : null}
          <div className="sm:col-span-2">
            <Button type="submit" loading={move.isPending} disabled={!to}>
              Move membership
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
