"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CustomerPicker } from "@/components/billing/customer-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { subscriptionCreateSchema } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf, issuesByPath } from "../../_components/form-errors";

const today = () => new Date().toISOString().slice(0, 10);

/** New subscription: customer, plan, source app, the app's id for it, and the first period's start. */
export function CreateSubscriptionDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: () => void }) {
  const trpc = useTRPC();
  const plans = useQuery({ ...trpc.billing.plans.list.queryOptions(), enabled: open });
  const services = useQuery({ ...trpc.billing.services.list.queryOptions(), enabled: open });
  const [values, setValues] = useState({ customerId: "", planId: "", serviceId: "", externalId: "", startAt: today() });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const create = useMutation(trpc.billing.subscriptions.create.mutationOptions({ onSuccess: onCreated }));
  const server = fieldErrorsOf(create.error);
  const error = (f: string) => errors[f] ?? server.fields[f];
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...values, startAt: values.startAt ? new Date(`${values.startAt}T00:00:00Z`) : undefined };
    const parsed = subscriptionCreateSchema.safeParse(input);
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setErrors({});
    create.mutate(input);
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>New subscription</DialogTitle>
          <DialogDescription>Usage pushed with this external id is billed on this subscription.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          {server.message && Object.keys(server.fields).length === 0 ? <Alert variant="danger">{server.message}</Alert> : null}
          <FormField label="Customer" required error={error("customerId")}>
            {(control) => <CustomerPicker {...control} value={values.customerId} onChange={(c) => setValues({ ...values, customerId: c?.id ?? "" })} />}
          </FormField>
          <FormField label="Plan" required error={error("planId")}>
            <NativeSelect
              value={values.planId}
              placeholder="Choose a plan…"
              onChange={(e) => setValues({ ...values, planId: e.target.value })}
              options={(plans.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            />
          </FormField>
          <FormField label="Source app" required error={error("serviceId")}>
            <NativeSelect
              value={values.serviceId}
              placeholder="Choose the app that pushes its usage…"
              onChange={(e) => setValues({ ...values, serviceId: e.target.value })}
              options={(services.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            />
          </FormField>
          <FormField label="External id" required error={error("externalId")} description="The subscription's id in the source app, e.g. a deployment id">
            <Input value={values.externalId} onChange={(e) => setValues({ ...values, externalId: e.target.value })} autoComplete="off" />
          </FormField>
          <FormField label="First period starts" error={error("startAt")} description="UTC; monthly periods keep this day of the month">
            <DateInput value={values.startAt} onValueChange={(startAt) => setValues({ ...values, startAt })} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create subscription
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Upgrade or downgrade: at the next period (default) or now, never prorated. */
export function ChangePlanDialog({
  subscription,
  onClose,
  onChanged,
}: {
  subscription: { id: string; planId: string; externalId: string } | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const plans = useQuery({ ...trpc.billing.plans.list.queryOptions(), enabled: subscription !== null });
  const [planId, setPlanId] = useState("");
  const [effective, setEffective] = useState<"next_period" | "immediately">("next_period");
  const change = useMutation(trpc.billing.subscriptions.changePlan.mutationOptions({ onSuccess: onChanged }));
  return (
    <Dialog open={subscription !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Change plan of {subscription?.externalId}</DialogTitle>
          <DialogDescription>Proration is out of scope: a change takes effect at the start of the next period unless you choose now.</DialogDescription>
        </DialogHeader>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (subscription && planId) change.mutate({ id: subscription.id, planId, effective });
          }}
          className="grid gap-4"
        >
          {change.error ? <Alert variant="danger">{change.error.message}</Alert> : null}
          <FormField label="New plan" required error={planId ? null : change.isError ? "Choose a plan" : null}>
            <NativeSelect
              value={planId}
              placeholder="Choose a plan…"
              onChange={(e) => setPlanId(e.target.value)}
              options={(plans.data ?? []).filter((p) => p.active && p.id !== subscription?.planId).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            />
          </FormField>
          <fieldset className="grid gap-2 text-sm">
            <legend className="mb-1 font-medium">Takes effect</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="effective" checked={effective === "next_period"} onChange={() => setEffective("next_period")} />
              At the next period (the current one is billed on the current plan)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="effective" checked={effective === "immediately"} onChange={() => setEffective("immediately")} />
              Now (the whole running period is billed on the new plan)
            </label>
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!planId} loading={change.isPending}>
              Change plan
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
