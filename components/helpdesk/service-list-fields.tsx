"use client";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export interface ServiceListValues {
  /** Comma-separated as typed; forms split them with splitCommaList. */
  affectedServices: string;
  deviceSerials: string;
}

/**
 * The "Affected services" and "Device serials" inputs that the new-ticket and
 * create-field-job dialogs share, so both read and validate them the same way.
 */
export function ServiceListFields({
  values,
  errors,
  onChange,
}: {
  values: ServiceListValues;
  errors: Partial<Record<keyof ServiceListValues, string[] | undefined>>;
  onChange: (key: keyof ServiceListValues, value: string) => void;
}) {
  return (
    <>
      <FormField label="Affected services" description="Comma-separated, e.g. internet, voip" error={errors.affectedServices}>
        <Input value={values.affectedServices} onChange={(e) => onChange("affectedServices", e.target.value)} />
      </FormField>
      <FormField label="Device serials" description="Comma-separated" error={errors.deviceSerials}>
        <Input value={values.deviceSerials} onChange={(e) => onChange("deviceSerials", e.target.value)} />
      </FormField>
    </>
  );
}
