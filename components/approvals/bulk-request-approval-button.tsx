"use client";

import { CheckCircle } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApprovalWizardDialog } from "./approval-wizard-dialog";
import { useOpenApprovalWizard } from "./use-open-approval-wizard";

export interface BulkRequestApprovalButtonProps {
  /** The tickets selected in the list. */
  ticketIds: readonly string[];
  /** Called after the request went out (e.g. to clear the selection). */
  onSent?: () => void;
}

/**
 * "Request approval" for the ticket list's selection. The rules are checked
 * before the wizard opens; a refusal is shown next to the button.
 */
export function BulkRequestApprovalButton({ ticketIds, onSent }: BulkRequestApprovalButtonProps) {
  const wizard = useOpenApprovalWizard("bulk");
  const count = ticketIds.length;
  return (
    <div className="flex flex-col gap-2">
      <Button variant="outline" disabled={count === 0} loading={wizard.checking} onClick={() => void wizard.start([...ticketIds])}>
        <CheckCircle aria-hidden />
        Request approval{count > 0 ? ` (${count})` : ""}
      </Button>
      {wizard.refusal ? (
        <Alert
          variant="danger"
          title="Cannot request approval for this selection"
          action={
            <Button size="sm" variant="ghost" onClick={wizard.clearRefusal}>
              Dismiss
            </Button>
          }
        >
          {wizard.refusal}
        </Alert>
      ) : null}
      {wizard.prepared ? (
        <ApprovalWizardDialog open={wizard.open} onOpenChange={wizard.setOpen} mode="bulk" prepared={wizard.prepared} onSent={onSent} />
      ) : null}
    </div>
  );
}
