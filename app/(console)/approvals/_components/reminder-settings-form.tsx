"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { approvalSettingsSchema, MAX_REMINDER_DAYS } from "@/lib/validators/approvals";

/** Days before the single reminder (0 = off). */
export function ReminderSettingsForm({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.approvals.settings.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Reminder</CardTitle>
        <CardDescription>
          A request still pending this many days after it was sent gets one reminder e-mail with the same links (checked daily at 09:00 UTC).
          Never a second one: after that, call the owner. 0 turns reminders off.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {settings.data ? <DaysForm key={String(settings.data.updatedAt)} initialDays={settings.data.reminderDays} canEdit={canEdit} /> : null}
      </CardContent>
    </Card>
  );
}

function DaysForm({ initialDays, canEdit }: { initialDays: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(String(initialDays));
  const [error, setError] = useState<string | null>(null);

  const save = useMutation(
    trpc.approvals.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        toast({ variant: "success", title: saved.reminderDays === 0 ? "Reminders turned off" : `Reminder after ${saved.reminderDays} days` });
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.settings.queryKey() });
      },
      onError: (e) => setError((e.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined)?.reminderDays?.[0] ?? e.message),
    }),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = approvalSettingsSchema.safeParse({ reminderDays: days });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Enter a number of days");
      return;
    }
    setError(null);
    save.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <FormField label="Days before the reminder" error={error} className="sm:max-w-56">
        <Input type="number" min={0} max={MAX_REMINDER_DAYS} step={1} value={days} onChange={(e) => setDays(e.target.value)} disabled={!canEdit} />
      </FormField>
      {canEdit ? (
        <Button type="submit" loading={save.isPending}>
          Save
        </Button>
      ) : null}
    </form>
  );
}
