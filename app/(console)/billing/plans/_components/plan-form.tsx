"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { minorUnitProblem } from "@/lib/currency";
import { planSchema, PLAN_INTERVALS, TAX_BEHAVIOURS } from "@/lib/validators/billing";
import { issuesByPath } from "../../_components/form-errors";

export interface PlanFormValues {
  code: string;
  name: string;
  description: string;
  interval: (typeof PLAN_INTERVALS)[number];
  basePrice: string;
  currency: string;
  taxBehaviour: (typeof TAX_BEHAVIOURS)[number];
}

export const EMPTY_PLAN: PlanFormValues = { code: "", name: "", description: "", interval: "monthly", basePrice: "0.00", currency: "CAD", taxBehaviour: "exclusive" };

/** The plan's own fields, checked with the shared planSchema before anything is sent. */
export function PlanForm({
  initial,
  submitLabel,
  pending,
  serverErrors,
  serverMessage,
  onSubmit,
  onCancel,
}: {
  initial: PlanFormValues;
  submitLabel: string;
  pending: boolean;
  serverErrors: Record<string, string[]>;
  serverMessage: string | null;
  onSubmit: (values: PlanFormValues & { description?: string }) => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const error = (field: string) => errors[field] ?? serverErrors[field];
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = planSchema.safeParse({ ...values, description: values.description || undefined });
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      return;
    }
    const places = minorUnitProblem(parsed.data.basePrice, parsed.data.currency);
    if (places) {
      setErrors({ basePrice: [places] });
      return;
    }
    setErrors({});
    onSubmit(values);
  }
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      {serverMessage && Object.keys(serverErrors).length === 0 ? <Alert variant="danger">{serverMessage}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Code" required error={error("code")} description="Shared with source apps, e.g. cloud_pro">
          <Input value={values.code} onChange={(e) => setValues({ ...values, code: e.target.value })} autoComplete="off" />
        </FormField>
        <FormField label="Name" required error={error("name")}>
          <Input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
        </FormField>
        <FormField label="Interval" required error={error("interval")}>
          <NativeSelect
            value={values.interval}
            onChange={(e) => setValues({ ...values, interval: e.target.value as PlanFormValues["interval"] })}
            options={PLAN_INTERVALS.map((i) => ({ value: i, label: i }))}
          />
        </FormField>
        <FormField label="Base price per period" required error={error("basePrice")} description="e.g. 49.00">
          <Input inputMode="decimal" value={values.basePrice} onChange={(e) => setValues({ ...values, basePrice: e.target.value })} />
        </FormField>
        <FormField label="Currency" required error={error("currency")} description="ISO code, e.g. CAD">
          <Input value={values.currency} maxLength={3} onChange={(e) => setValues({ ...values, currency: e.target.value })} />
        </FormField>
        <FormField label="Tax" required error={error("taxBehaviour")} description="Exclusive adds the customer's tax rate on top">
          <NativeSelect
            value={values.taxBehaviour}
            onChange={(e) => setValues({ ...values, taxBehaviour: e.target.value as PlanFormValues["taxBehaviour"] })}
            options={[
              { value: "exclusive", label: "Prices exclude tax" },
              { value: "inclusive", label: "Prices include tax" },
            ]}
          />
        </FormField>
      </div>
      <FormField label="Description" error={error("description")}>
        <Textarea rows={2} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
      </FormField>
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
