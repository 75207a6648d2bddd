"use client";

import { useActionState } from "react";
import { ApprovalLinkExpired, ApprovalLinkInvalid } from "@/components/approvals/public-approval-frame";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { APPROVAL_COMMENT_MAX_CHARS } from "@/lib/validators/approvals";
import { confirmApprovalAction, type ConfirmFormState } from "./actions";

export interface ConfirmFormProps {
  token: string;
  decision: "approve" | "reject";
  formToken: string;
  supportEmail: string;
}

/** The optional comment and the one confirm button; then the outcome in place. */
export function ConfirmForm({ token, decision, formToken, supportEmail }: ConfirmFormProps) {
  const [state, formAction, pending] = useActionState<ConfirmFormState, FormData>(confirmApprovalAction, { status: "idle" });

  if (state.status === "invalid") return <ApprovalLinkInvalid supportEmail={supportEmail} />;
  if (state.status === "expired") return <ApprovalLinkExpired supportEmail={supportEmail} />;
  if (state.status === "already_decided") {
    return (
      <div className="space-y-2" role="status">
        <h2 className="text-xl font-semibold">This request has already been answered</h2>
        <p className="text-sm text-muted-foreground">
          It was {state.state === "approved" ? "approved" : "rejected"} a moment ago and that decision stands. Nothing more is needed; you
          can close this page.
        </p>
      </div>
    );
  }
  if (state.status === "recorded") {
    return (
      <div className="space-y-2" role="status">
        <h2 className="text-xl font-semibold">Thank you — your decision is recorded</h2>
        <p className="text-sm text-muted-foreground">
          {state.state === "approved" ? "You approved" : "You rejected"} “{state.subject}” ({state.ticketNumber}). The team has been
          told and your decision is now on the request. You can close this page.
        </p>
      </div>
    );
  }

  const approve = decision === "approve";
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="formToken" value={formToken} />
      {state.status === "error" ? <Alert variant="danger">{state.message}</Alert> : null}
      <FormField label="Comment (optional)" description="Shown with your decision on the request.">
        <Textarea
          name="comment"
          rows={4}
          maxLength={APPROVAL_COMMENT_MAX_CHARS}
          defaultValue={state.status === "error" ? state.comment : ""}
          placeholder={approve ? "Anything the team should know?" : "What would you like changed?"}
        />
      </FormField>
      <Button type="submit" size="lg" variant={approve ? "default" : "destructive"} loading={pending} className="w-full sm:w-auto">
        {approve ? "Confirm approval" : "Confirm rejection"}
      </Button>
    </form>
  );
}
