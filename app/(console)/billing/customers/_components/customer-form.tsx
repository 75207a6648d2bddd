"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { customerSchema, type CustomerInput } from "@/lib/validators/billing";
import { issuesByPath } from "../../_components/form-errors";

export interface CustomerFormValues {
  kind: "person" | "company";
  name: string;
  email: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  taxId: string;
  taxRatePercent: string;
}

export const EMPTY_CUSTOMER: CustomerFormValues = {
  kind: "company",
  name: "",
  email: "",
  phone: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  region: "",
  postalCode: "",
  country: "CA",
  taxId: "",
  taxRatePercent: "13",
};

const TEXT_FIELDS: ReadonlyArray<[keyof CustomerFormValues, string, string?]> = [
  ["name", "Name"],
  ["email", "Billing e-mail"],
  ["phone", "Phone"],
  ["taxId", "Tax id", "e.g. a GST/HST number"],
  ["addressLine1", "Address"],
  ["addressLine2", "Address line 2"],
  ["city", "City"],
  ["region", "Province or state", "e.g. ON"],
  ["postalCode", "Postal code"],
  ["country", "Country", "Two letters, e.g. CA"],
];

/** Customer details, checked with the shared customerSchema. */
export function CustomerForm({
  initial,
  submitLabel,
  pending,
  serverErrors,
  serverMessage,
  onSubmit,
  onCancel,
}: {
  initial: CustomerFormValues;
  submitLabel: string;
  pending: boolean;
  serverErrors: Record<string, string[]>;
  serverMessage: string | null;
  onSubmit: (input: CustomerInput) => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const error = (field: string) => errors[field] ?? serverErrors[field];
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = customerSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues));
      return;
    }
    setErrors({});
    onSubmit(values);
  }
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      {serverMessage && Object.keys(serverErrors).length === 0 ? <Alert variant="danger">{serverMessage}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Kind" error={error("kind")}>
          <NativeSelect
            value={values.kind}
            onChange={(e) => setValues({ ...values, kind: e.target.value as CustomerFormValues["kind"] })}
            options={[
              { value: "company", label: "Company" },
              { value: "person", label: "Person" },
            ]}
          />
        </FormField>
        <FormField label="Tax rate (%)" required error={error("taxRatePercent")} description="13 for Ontario HST, 5 for GST only, 0 when exempt">
          <Input inputMode="decimal" value={values.taxRatePercent} onChange={(e) => setValues({ ...values, taxRatePercent: e.target.value })} />
        </FormField>
        {TEXT_FIELDS.map(([field, label, description]) => (
          <FormField key={field} label={label} required={field === "name"} error={error(field)} description={description}>
            <Input
              value={values[field]}
              type={field === "email" ? "email" : "text"}
              onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            />
          </FormField>
        ))}
      </div>
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
