"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { signPageAction, type SignFormState } from "./actions";
import { SignaturePad } from "./signature-pad";
import { SigningLinkInvalid } from "./signing-link-invalid";

export interface SignFormProps {
  token: string;
  signerName: string;
  relationship: string;
  supportEmail: string;
}

/** Draw or type the signature, confirm name, relationship and date; then the outcome in place. */
export function SignForm({ token, signerName, relationship, supportEmail }: SignFormProps) {
  const [state, formAction, pending] = useActionState<SignFormState, FormData>(signPageAction, { status: "idle" });
  const [kind, setKind] = useState<"drawn" | "typed">("drawn");
  const [today] = useState(() => new Date().toLocaleDateString("en-CA"));

  if (state.status === "invalid") return <SigningLinkInvalid supportEmail={supportEmail} />;
  if (state.status === "signed") {
    return (
      <div className="space-y-2" role="status">
        <h2 className="text-xl font-semibold">Thank you — page {state.page} is signed</h2>
        <p className="text-sm text-muted-foreground">
          Your signature was added to application {state.applicationNumber} with a certificate page. You can close this page.
        </p>
      </div>
    );
  }
  const fieldError = (name: string) => (state.status === "error" && state.field === name ? state.message : null);

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="signatureKind" value={kind} />
      {state.status === "error" && !state.field ? <Alert variant="danger">{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Signature</legend>
        <div className="flex gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="signatureMode" checked={kind === "drawn"} onChange={() => setKind("drawn")} /> Draw
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="signatureMode" checked={kind === "typed"} onChange={() => setKind("typed")} /> Type
          </label>
        </div>
        {kind === "drawn" ? (
          <FormField label="Draw your signature" hideLabel error={fieldError("signatureImage")}>
            {() => <SignaturePad name="signatureImage" label="Signature drawing area" />}
          </FormField>
        ) : (
          <FormField label="Type your signature" error={fieldError("typedSignature")} required>
            <Input name="typedSignature" maxLength={120} autoComplete="off" defaultValue={signerName} />
          </FormField>
        )}
      </fieldset>
      <FormField label="Your full name" error={fieldError("signedName")} required>
        <Input name="signedName" required maxLength={200} defaultValue={signerName} autoComplete="name" />
      </FormField>
      <FormField label="Relationship to the applicant" error={fieldError("signedRelationship")} required>
        <Input name="signedRelationship" required maxLength={100} defaultValue={relationship} />
      </FormField>
      <FormField label="Date" error={fieldError("signedOn")} required>
        <DateInput name="signedOn" required defaultValue={today} />
      </FormField>
      <p className="text-sm text-muted-foreground">
        By signing you confirm you have read the page above. Your signature, name, the date, the time and your network address are added
        to a certificate page.
      </p>
      <Button type="submit" size="lg" loading={pending} className="w-full sm:w-auto">
        Sign page
      </Button>
    </form>
  );
}
