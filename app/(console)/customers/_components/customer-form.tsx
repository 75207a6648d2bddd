"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useTRPC } from "@/lib/trpc/react";
import type { BILLING_CUSTOMER_FIELDS, CustomerInput, CustomerKindValue } from "@/lib/validators/customers";

type TextField = "name" | "email" | "phone" | "addressLine1" | "addressLine2" | "city" | "region" | "postalCode" | "country" | "taxId";
type BillingField = (typeof BILLING_CUSTOMER_FIELDS)[number];

export type CustomerFormValues = { kind: CustomerKindValue; organisationId: string } & Record<TextField | BillingField, string>;

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
  country: "",
  taxId: "",
  organisationId: "",
  taxRatePercent: "0",
  legalName: "",
  currency: "",
};

/** Form values from a stored customer (nulls become empty inputs). */
export function customerToForm(c: Partial<Record<keyof CustomerFormValues, string | null>>): CustomerFormValues {
  const out = { ...EMPTY_CUSTOMER };
  for (const k of Object.keys(out) as (keyof CustomerFormValues)[]) (out as Record<string, string>)[k] = c[k] ?? out[k];
  return out;
}

/**
 * The customer create/edit form for everyone; billing fields (tax rate,
 * legal name, currency) appear only for billing admins and are left out of
 * what others submit, so their saves never touch them. Errors are the
 * server's, shown next to their fields.
 */
export function CustomerForm({
  initial,
  submitLabel,
  pending,
  errors,
  billing,
  onSubmit,
}: {
  initial: CustomerFormValues;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string[] | undefined>;
  billing: boolean;
  onSubmit: (values: CustomerInput) => void;
}) {
  const trpc = useTRPC();
  const organisations = useQuery(trpc.customers.organisations.queryOptions());
  const [v, setV] = useState<CustomerFormValues>(initial);
  const set = (k: keyof CustomerFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const text = (k: keyof CustomerFormValues, label: string, props: React.ComponentProps<typeof Input> & { description?: string } = {}) => {
    const { description, ...inputProps } = props;
    return (
      <FormField label={label} error={errors[k]} required={props.required} description={description}>
        <Input name={k} value={v[k]} onChange={set(k)} {...inputProps} />
      </FormField>
    );
  };
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const { taxRatePercent, legalName, currency, ...rest } = v;
        onSubmit(billing ? { ...rest, taxRatePercent, legalName, currency } : rest);
      }}
    >
      <FormField label="Kind" error={errors.kind}>
        <NativeSelect
          name="kind"
          value={v.kind}
          onChange={set("kind")}
          options={[
            { value: "company", label: "Company" },
            { value: "person", label: "Person" },
          ]}
        />
      </FormField>
      {text("name", "Name", { required: true, autoComplete: "off" })}
      {text("email", "E-mail", { type: "email", autoComplete: "off" })}
      {text("phone", "Phone", { type: "tel" })}
      {text("addressLine1", "Address")}
      {text("addressLine2", "Address line 2")}
      {text("city", "City")}
      {text("region", "Province or state", { description: "e.g. ON" })}
      {text("postalCode", "Postal code")}
      {text("country", "Country (2 letters)", { maxLength: 2, description: "e.g. CA" })}
      {text("taxId", "Tax id", { description: "e.g. a GST/HST number" })}
      {billing ? (
        <>
          {text("taxRatePercent", "Tax rate (%)", { inputMode: "decimal", description: "13 for Ontario HST, 5 for GST only, 0 when exempt" })}
          {text("legalName", "Legal name")}
          {text("currency", "Billing currency", { maxLength: 3, description: "Three letters, e.g. CAD" })}
        </>
      ) : null}
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
