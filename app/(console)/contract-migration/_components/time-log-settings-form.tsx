"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc/react";

const FIELDS = [
  ["timeLogModule", "Module", "TimeLogs"],
  ["hoursField", "Hours field", "hours"],
  ["dateField", "Date field (optional)", "log_date"],
  ["descriptionField", "Description field (optional)", "description"],
  ["relationField", "Field pointing at the contract", "related_to"],
] as const;
type Key = (typeof FIELDS)[number][0];

/** Where this CRM keeps time logs; checked against the module's describe when saved. */
export function TimeLogSettingsForm({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const current = useQuery(trpc.contractMigration.settings.get.queryOptions({ connectionId }));
  const [draft, setDraft] = useState<Partial<Record<Key, string>>>({});
  const save = useMutation(
    trpc.contractMigration.settings.save.mutationOptions({
      onSuccess: () => {
        setDraft({});
        void qc.invalidateQueries(trpc.contractMigration.settings.get.queryFilter({ connectionId }));
      },
    }),
  );
  const value = (k: Key) => draft[k] ?? (current.data?.[k] as string | null | undefined) ?? "";
  const settings = Object.fromEntries(FIELDS.map(([k]) => [k, value(k)])) as Record<Key, string>;
  return (
    <details className="rounded-md border p-3">
      <summary className="cursor-pointer text-sm font-medium">
        Time logs: {current.data ? `${current.data.timeLogModule}.${current.data.hoursField}` : "none set, the hours on the cases are used"}
      </summary>
      <form
        className="mt-3 grid gap-3 md:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ connectionId, settings });
        }}
      >
        {FIELDS.map(([k, label, example]) => (
          <div key={k} className="grid gap-1.5">
            <Label htmlFor={`tl-${k}`}>{label}</Label>
            <Input id={`tl-${k}`} value={value(k)} placeholder={example} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
          </div>
        ))}
        <div className="flex flex-wrap gap-2 md:col-span-5">
          <Button type="submit" size="sm" disabled={save.isPending}>
            Check and save
          </Button>
          {current.data ? (
            <Button type="button" size="sm" variant="outline" onClick={() => save.mutate({ connectionId, settings: null })}>
              Use the hours on cases instead
            </Button>
          ) : null}
        </div>
        {save.error ? (
          <Alert variant="danger" title="Not saved" className="md:col-span-5">
            {save.error.message}
          </Alert>
        ) : null}
      </form>
    </details>
  );
}
