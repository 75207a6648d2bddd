"use client";

import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ownerContactSchema, type OwnerContactInput } from "@/lib/validators/approvals";

export interface OwnerContactFormProps {
  initial: { ownerName: string | null; ownerEmail: string | null };
  onSave: (values: OwnerContactInput) => void;
  saving?: boolean;
  /** Errors from the server, by field. */
  serverErrors?: Partial<Record<"ownerName" | "ownerEmail", string[] | undefined>> | null;
  /** Lets forms of several organisations on one page keep distinct ids. */
  idPrefix?: string;
}

/**
 * The owner's name and e-mail. Both blank clears the contact (approvals are
 * then impossible for the organisation); otherwise both are needed. Errors
 * are named under their field, from the shared schema and from the server.
 */
export function OwnerContactForm({ initial, onSave, saving = false, serverErrors, idPrefix = "owner" }: OwnerContactFormProps) {
  const [ownerName, setOwnerName] = useState(initial.ownerName ?? "");
  const [ownerEmail, setOwnerEmail] = useState(initial.ownerEmail ?? "");
  const [errors, setErrors] = useState<Partial<Record<"ownerName" | "ownerEmail", string[] | undefined>>>({});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ownerContactSchema.safeParse({ ownerName, ownerEmail });
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setErrors({});
    onSave(parsed.data);
  };

  const shown = { ...serverErrors, ...errors };
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <FormField label="Owner name" error={shown.ownerName} id={`${idPrefix}-name`}>
        <Input value={ownerName} onChange={(e) => setOwnerName(e.target.value)} autoComplete="name" maxLength={120} />
      </FormField>
      <FormField label="Owner e-mail" error={shown.ownerEmail} id={`${idPrefix}-email`}>
        <Input type="email" value={ownerEmail} onChange={(e) => setOwnerEmail(e.target.value)} autoComplete="email" maxLength={254} />
      </FormField>
      <div>
        <Button type="submit" loading={saving}>
          Save owner contact
        </Button>
      </div>
    </form>
  );
}
