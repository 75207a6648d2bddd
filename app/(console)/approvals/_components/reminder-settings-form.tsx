"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { approvalSettingsSchema, MAX_LINK_EXPIRY_DAYS, MAX_REMINDER_DAYS } from "@/lib/validators/approvals";

/** Days before the single reminder (0 = off). */
export function ReminderSettingsForm({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.approvals.settings.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Reminder and link expiry</CardTitle>
        <CardDescription>
          A request still pending this many days after it was sent gets one reminder e-mail with the same links (checked daily at 09:00 UTC).
          Never a second one: after that, call the owner. 0 turns reminders off. Links stop working after the expiry days; re-send fresh
          ones from the request list.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {settings.data ? <DaysForm
            key={String(settings.data.updatedAt)}
            initialDays={settings.data.reminderDays}
            initialExpiryDays={settings.data.linkExpiryDays}
            canEdit={canEdit}
          /> : null}
      </CardContent>
    </Card>
  );
}

function DaysForm({ initialDays, initialExpiryDays, canEdit }: { initialDays: number; initialExpiryDays: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(String(initialDays));
  const [expiryDays, setExpiryDays] = useState(String(initialExpiryDays));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const save = useMutation(
    trpc.approvals.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        toast({ variant: "success", title: saved.reminderDays === 0 ? "Reminders turned off" : `Reminder after ${saved.reminderDays} days` });
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.settings.queryKey() });
      },
      onError: (e) => {
        const fields = (e.data?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
        setErrors({ reminderDays: fields.reminderDays?.[0] ?? (fields.linkExpiryDays ? undefined : e.message), linkExpiryDays: fields.linkExpiryDays?.[0] });
      },
    }),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = approvalSettingsSchema.safeParse({ reminderDays: days, linkExpiryDays: expiryDays });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <FormField label="Days before the reminder" error={errors.reminderDays} className="sm:max-w-56">
        <Input type="number" min={0} max={MAX_REMINDER_DAYS} step={1} value={days} onChange={(e) => setDays(e.target.value)} disabled={!canEdit} />
      </FormField>
      <FormField label="Days the links work" error={errors.linkExpiryDays} className="sm:max-w-56">
        <Input
          type="number"
          min={1}
          max={MAX_LINK_EXPIRY_DAYS}
          step={1}
          value={expiryDays}
          onChange={(e) => setExpiryDays(e.target.value)}
          disabled={!canEdit}
        />
      </FormField>
      {canEdit ? (
        <Button type="submit" loading={save.isPending}>
          Save
        </Button>
      ) : null}
    </form>
  );
}
