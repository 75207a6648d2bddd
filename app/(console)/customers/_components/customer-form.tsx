"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import type { CustomerFormInput } from "@/lib/validators/crm";

export type CustomerFormValues = Required<{ [K in keyof CustomerFormInput]: string }>;

export const EMPTY_CUSTOMER: CustomerFormValues = {
  kind: "person",
  name: "",
  email: "",
  phone: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  region: "",
  postalCode: "",
  country: "",
  taxId: "",
  organisationId: "",
};

/** Form values from a stored customer (nulls become empty inputs). */
export function customerToForm(c: Partial<Record<keyof CustomerFormValues, string | null>>): CustomerFormValues {
  const out = { ...EMPTY_CUSTOMER };
  for (const k of Object.keys(out) as (keyof CustomerFormValues)[]) out[k] = c[k] ?? out[k];
  return out;
}

/** The customer create/edit form; errors are shown next to their fields. */
export function CustomerForm({
  initial,
  submitLabel,
  pending,
  errors,
  onSubmit,
}: {
  initial: CustomerFormValues;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string[] | undefined>;
  onSubmit: (values: CustomerFormInput) => void;
}) {
  const trpc = useTRPC();
  const organisations = useQuery(trpc.crm.customers.organisations.queryOptions());
  const [v, setV] = useState<CustomerFormValues>(initial);
  const set = (k: keyof CustomerFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const text = (k: keyof CustomerFormValues, label: string, props: React.ComponentProps<typeof Input> = {}) => (
    <FormField label={label} error={errors[k]} required={props.required}>
      <Input name={k} value={v[k]} onChange={set(k)} {...props} />
    </FormField>
  );
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ ...v, kind: v.kind === "company" ? "company" : "person" });
      }}
    >
      <FormField label="Kind" error={errors.kind}>
        <NativeSelect
          name="kind"
          value={v.kind}
          onChange={set("kind")}
          options={[
            { value: "person", label: "Person" },
            { value: "company", label: "Company" },
          ]}
        />
      </FormField>
      {text("name", "Name", { required: true, autoComplete: "off" })}
      {text("email", "E-mail", { type: "email", autoComplete: "off" })}
      {text("phone", "Phone", { type: "tel" })}
      {text("addressLine1", "Address")}
      {text("addressLine2", "Address line 2")}
      {text("city", "City")}
      {text("region", "Region")}
      {text("postalCode", "Postal code")}
      {text("country", "Country (2 letters)", { maxLength: 2 })}
      {text("taxId", "Tax id")}
      <FormField label="Client organisation" description="When this customer's staff use Switchboard." error={errors.organisationId}>
        <NativeSelect
          name="organisationId"
          value={v.organisationId}
          onChange={set("organisationId")}
          placeholder="None"
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.label})` }))}
        />
      </FormField>
      <div className="flex items-end sm:col-span-2">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
