"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

/** Teams (queues) tickets are routed to: add, rename, remove. */
export function TeamsManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.helpdesk.settings.teams.queryOptions());
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string; description: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.helpdesk.pathKey() });
  const onError = (error: { message: string; data?: unknown }) => {
    setErrors(fieldErrorsOf(error));
    toast({ title: "Not saved", description: error.message, variant: "error" });
  };

  const create = useMutation(
    trpc.helpdesk.settings.createTeam.mutationOptions({
      onSuccess: () => {
        setName("");
        setDescription("");
        setErrors({});
        void refresh();
      },
      onError,
    }),
  );
  const update = useMutation(trpc.helpdesk.settings.updateTeam.mutationOptions({ onSuccess: () => (setEditing(null), void refresh()), onError }));
  const remove = useMutation(trpc.helpdesk.settings.deleteTeam.mutationOptions({ onSuccess: () => void refresh(), onError }));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Teams</CardTitle>
        </CardHeader>
        <CardContent>
          {teams.data?.length === 0 ? <EmptyState icon={Users} title="No teams yet" description="Add the queues your agents work, e.g. Support or Field ops." /> : null}
          <ul className="divide-y">
            {teams.data?.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                {editing?.id === t.id ? (
                  <form
                    className="flex flex-1 flex-wrap items-end gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      update.mutate({ id: t.id, name: editing.name, description: editing.description });
                    }}
                  >
                    <FormField label="Name" error={errors.name} className="min-w-40 flex-1">
                      <Input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
                    </FormField>
                    <FormField label="Description" className="min-w-40 flex-1">
                      <Input value={editing.description} onChange={(e) => setEditing({ ...editing, description: e.target.value })} />
                    </FormField>
                    <Button type="submit" size="sm" loading={update.isPending}>Save</Button>
                    <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(null)}>Cancel</Button>
                  </form>
                ) : (
                  <>
                    <div>
                      <div className="font-medium">{t.name}</div>
                      <div className="text-sm text-muted-foreground">
                        {t.description ? `${t.description} · ` : ""}
                        {t.activeTickets} active ticket{t.activeTickets === 1 ? "" : "s"}
                      </div>
                    </div>
                    <div className="flex gap-2">
                      <Button size="sm" variant="outline" onClick={() => setEditing({ id: t.id, name: t.name, description: t.description ?? "" })}>
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          if (window.confirm(`Delete team ${t.name}? Its tickets keep working without a team.`)) remove.mutate({ id: t.id });
                        }}
                      >
                        Delete
                      </Button>
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Add a team</CardTitle>
        </CardHeader>
        <CardContent>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name, description });
            }}
          >
            <FormField label="Name" required error={editing ? undefined : errors.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} required />
            </FormField>
            <FormField label="Description" error={errors.description}>
              <Input value={description} onChange={(e) => setDescription(e.target.value)} />
            </FormField>
            <Button type="submit" loading={create.isPending}>Add team</Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
