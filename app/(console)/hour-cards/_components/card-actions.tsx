"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { parseDuration } from "@/lib/validators/hour-cards";
import { useTRPC } from "@/lib/trpc/react";
import { formErrors } from "@/lib/hour-cards/form-errors";

type Action = "top_up" | "add" | "remove" | "close";
const ACTION_LABELS: Record<Action, string> = { top_up: "Top up (hours bought)", add: "Adjust: add hours", remove: "Adjust: remove hours", close: "Close the card" };

/** Admins: one form for top-up, adjustment either way and closing, each with its reason. */
export function CardActions({ cardId, onChanged }: { cardId: string; onChanged: () => void }) {
  const trpc = useTRPC();
  const [action, setAction] = useState<Action>("top_up");
  const [hours, setHours] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const handlers = {
    onSuccess: () => {
      setHours("");
      setReason("");
      setErrors({});
      toast({ title: "Card updated", variant: "success" as const });
      onChanged();
    },
    onError: (error: unknown) => setErrors(formErrors(error, "cardId")),
  };
  const topUp = useMutation(trpc.hourCards.topUp.mutationOptions(handlers));
  const adjust = useMutation(trpc.hourCards.adjust.mutationOptions(handlers));
  const close = useMutation(trpc.hourCards.close.mutationOptions(handlers));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (action === "close") return close.mutate({ cardId, reason });
    const minutes = parseDuration(hours);
    if (minutes === null || minutes <= 0) return setErrors({ minutes: "Enter the hours as a number more than zero, e.g. 5, 2.5 or 2:30" });
    if (action === "top_up") topUp.mutate({ cardId, minutes, reason });
    else adjust.mutate({ cardId, minutes, reason, direction: action });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Change the card</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 md:grid-cols-[14rem_8rem_minmax(0,1fr)_auto] md:items-end" aria-label="Change the card">
          <FormField label="Action">
            <NativeSelect value={action} onChange={(e) => setAction(e.target.value as Action)} options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
          </FormField>
          {action === "close" ? <span /> : (
            <FormField label="Hours" error={errors.minutes} required>
              <Input value={hours} onChange={(e) => setHours(e.target.value)} inputMode="decimal" required />
            </FormField>
          )}
          <FormField label="Reason" error={errors.reason} required>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} required />
          </FormField>
          <Button type="submit" variant={action === "close" ? "destructive" : "default"} loading={topUp.isPending || adjust.isPending || close.isPending}>
            {action === "close" ? "Close card" : "Save"}
          </Button>
          {errors.form ? <p role="alert" className="text-sm text-danger md:col-span-4">{errors.form}</p> : null}
        </form>
      </CardContent>
    </Card>
  );
}
