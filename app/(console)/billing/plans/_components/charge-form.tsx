"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { CHARGE_MODELS, chargeSchema, type ChargeInput } from "@/lib/validators/billing";
import { issuesByPath } from "../../_components/form-errors";
import { TierEditor, type TierRow } from "./tier-editor";

export interface ChargeFormValues {
  metricId: string;
  model: (typeof CHARGE_MODELS)[number];
  includedQuota: string;
  unitPrice: string;
  unitBatch: string;
  packageSize: string;
  tiers: TierRow[];
}

export const EMPTY_CHARGE: ChargeFormValues = {
  metricId: "",
  model: "standard",
  includedQuota: "0",
  unitPrice: "",
  unitBatch: "1",
  packageSize: "",
  tiers: [
    { from: "0", to: "1000", unitPrice: "", flatFee: "" },
    { from: "1000", to: "", unitPrice: "", flatFee: "" },
  ],
};

const MODEL_HELP: Record<ChargeFormValues["model"], string> = {
  standard: "Every started unit batch after the quota costs the price per unit.",
  graduated: "Each tier's slice of the usage is priced at that tier's price (like tax brackets).",
  package: "Usage is billed in started packages of a fixed size.",
  volume: "All usage is priced at the price of the tier the total lands in.",
};

/** What the form holds as the shared schema's input (empty optional fields left out). */
export function toChargeInput(values: ChargeFormValues): ChargeInput {
  const tiered = values.model === "graduated" || values.model === "volume";
  return {
    metricId: values.metricId,
    model: values.model,
    includedQuota: values.includedQuota,
    unitPrice: tiered ? "0" : values.unitPrice,
    unitBatch: values.unitBatch,
    ...(values.model === "package" ? { packageSize: values.packageSize } : {}),
    tiers: tiered
      ? values.tiers.map((t) => ({ from: t.from, to: t.to === "" ? null : t.to, unitPrice: t.unitPrice, ...(t.flatFee ? { flatFee: t.flatFee } : {}) }))
      : [],
  };
}

/**
 * A charge: metric, model, included quota, price with up to 6 decimals, unit
 * batch, and tiers for graduated/volume. Checked with the same chargeSchema
 * the server uses, so every problem is explained before saving.
 */
export function ChargeForm({
  initial,
  metrics,
  lockedMetric,
  pending,
  serverMessage,
  serverErrors,
  onSubmit,
  onCancel,
}: {
  initial: ChargeFormValues;
  metrics: ReadonlyArray<{ id: string; code: string; name: string; unitLabel: string }>;
  lockedMetric: boolean;
  pending: boolean;
  serverMessage: string | null;
  serverErrors: Record<string, string[]>;
  onSubmit: (charge: ChargeInput) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [tried, setTried] = useState(false);
  const tiered = values.model === "graduated" || values.model === "volume";
  const unit = metrics.find((m) => m.id === values.metricId)?.unitLabel ?? "units";

  function validate(next: ChargeFormValues): boolean {
    const parsed = chargeSchema.safeParse(toChargeInput(next));
    setErrors(parsed.success ? {} : issuesByPath(parsed.error.issues));
    return parsed.success;
  }
  function change(patch: Partial<ChargeFormValues>) {
    const next = { ...values, ...patch };
    setValues(next);
    // After a first attempt, re-check as the admin types so messages clear when fixed.
    if (tried) validate(next);
  }
  function submit(event: React.FormEvent) {
    event.preventDefault();
    setTried(true);
    if (validate(values)) onSubmit(toChargeInput(values));
  }
  const error = (field: string) => errors[field] ?? serverErrors[field];
  const problems = Object.values(errors).flat();

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      {serverMessage ? <Alert variant="danger" title="Not saved">{serverMessage}</Alert> : null}
      {problems.length > 0 ? (
        <Alert variant="warning" title="Fix these before saving">
          <ul className="list-inside list-disc">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Metric" required error={error("metricId")}>
          <NativeSelect
            value={values.metricId}
            disabled={lockedMetric}
            placeholder="Choose a metric…"
            onChange={(e) => change({ metricId: e.target.value })}
            options={metrics.map((m) => ({ value: m.id, label: `${m.name} (${m.code})` }))}
          />
        </FormField>
        <FormField label="Model" required error={error("model")} description={MODEL_HELP[values.model]}>
          <NativeSelect
            value={values.model}
            onChange={(e) => change({ model: e.target.value as ChargeFormValues["model"] })}
            options={CHARGE_MODELS.map((m) => ({ value: m, label: m }))}
          />
        </FormField>
        <FormField label={`Included quota (${unit})`} error={error("includedQuota")} description="Free each period, consumed first">
          <Input inputMode="decimal" value={values.includedQuota} onChange={(e) => change({ includedQuota: e.target.value })} />
        </FormField>
        <FormField label={`Unit batch (${unit})`} error={error("unitBatch")} description="Priced together and rounded up: 1000 = per 1k, 3600 = per hour">
          <Input inputMode="numeric" value={values.unitBatch} onChange={(e) => change({ unitBatch: e.target.value })} />
        </FormField>
        {!tiered ? (
          <FormField
            label={values.model === "package" ? "Price per package" : "Price per unit batch"}
            required
            error={error("unitPrice")}
            description="Up to 6 decimal places, e.g. 0.000075"
          >
            <Input inputMode="decimal" value={values.unitPrice} onChange={(e) => change({ unitPrice: e.target.value })} />
          </FormField>
        ) : null}
        {values.model === "package" ? (
          <FormField label={`Package size (${unit})`} required error={error("packageSize")}>
            <Input inputMode="numeric" value={values.packageSize} onChange={(e) => change({ packageSize: e.target.value })} />
          </FormField>
        ) : null}
      </div>
      {tiered ? <TierEditor tiers={values.tiers} onChange={(tiers) => change({ tiers })} errors={{ ...serverErrors, ...errors }} unitBatch={values.unitBatch} /> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          Save charge
        </Button>
      </div>
    </form>
  );
}
