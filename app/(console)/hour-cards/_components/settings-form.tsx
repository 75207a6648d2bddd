"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import type { HourCardSettingsInput } from "@/lib/validators/hour-cards";
import { useTRPC } from "@/lib/trpc/react";

export function HourCardSettingsForm() {
  const trpc = useTRPC();
  const current = useQuery(trpc.hourCards.settings.queryOptions());
  if (!current.data) return null;
  const { allowNegative, thresholdKind, thresholdValue, consumptionRule } = current.data;
  return <SettingsFields initial={{ allowNegative, thresholdKind, thresholdValue, consumptionRule }} />;
}

function SettingsFields({ initial }: { initial: HourCardSettingsInput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<HourCardSettingsInput>(initial);
  const [thresholdText, setThresholdText] = useState(String(initial.thresholdKind === "minutes" ? initial.thresholdValue / 60 : initial.thresholdValue));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.hourCards.updateSettings.mutationOptions({
      onSuccess: () => {
        setError(null);
        toast({ title: "Settings saved", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.hourCards.settings.queryKey() });
      },
      onError: (e) => setError(e.message),
    }),
  );
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const n = Number(thresholdText.replace(",", "."));
    if (!Number.isFinite(n) || n < 0) return setError("Enter the threshold as a number, zero or more");
    save.mutate({ ...form, thresholdValue: form.thresholdKind === "minutes" ? Math.round(n * 60) : Math.round(n) });
  }

  return (
    <Card className="max-w-xl">
      <CardContent className="pt-6">
        <form onSubmit={submit} className="space-y-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" checked={form.allowNegative} onChange={(e) => setForm({ ...form, allowNegative: e.target.checked })} />
            Cards may go below zero (otherwise billable time beyond the balance is refused)
          </label>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Low-balance threshold" description="The client admins get one e-mail per card when it is reached">
              <Input value={thresholdText} onChange={(e) => setThresholdText(e.target.value)} inputMode="decimal" />
            </FormField>
            <FormField label="Threshold in">
              <NativeSelect
                value={form.thresholdKind}
                onChange={(e) => setForm({ ...form, thresholdKind: e.target.value as HourCardSettingsInput["thresholdKind"] })}
                options={[
                  { value: "percent", label: "% of the hours bought" },
                  { value: "minutes", label: "hours left" },
                ]}
              />
            </FormField>
          </div>
          <FormField label="Card billable time uses by default">
            <NativeSelect
              value={form.consumptionRule}
              onChange={(e) => setForm({ ...form, consumptionRule: e.target.value as HourCardSettingsInput["consumptionRule"] })}
              options={[
                { value: "oldest_expiring_first", label: "The one expiring soonest" },
                { value: "oldest_purchased_first", label: "The one bought first" },
              ]}
            />
          </FormField>
          {error ? <p role="alert" className="text-sm text-danger">{error}</p> : null}
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
