"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { APPROVAL_NOTE_MAX_CHARS, APPROVAL_STATE_LABELS, APPROVAL_SUMMARY_MAX_CHARS, type ApprovalStateValue } from "@/lib/validators/approvals";
import type { PreparedApproval } from "./approval-types";

export interface ApprovalWizardDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  mode: "single" | "bulk";
  prepared: PreparedApproval;
  onSent?: () => void;
}

/**
 * The request wizard: one AI-drafted, editable summary per ticket (drafted
 * when the wizard opens, 5 at a time with an overall limit), a personal note,
 * the owner shown read-only, and Send. Works the same without an AI key.
 */
export function ApprovalWizardDialog({ open, onOpenChange, mode, prepared, onSent }: ApprovalWizardDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        {open ? <WizardBody mode={mode} prepared={prepared} onClose={() => onOpenChange(false)} onSent={onSent} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function WizardBody({ mode, prepared, onClose, onSent }: { mode: "single" | "bulk"; prepared: PreparedApproval; onClose: () => void; onSent?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ticketIds = prepared.tickets.map((t) => t.id);
  const [summaries, setSummaries] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string | undefined>>({});
  const [note, setNote] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);

  const draft = useMutation(
    trpc.approvals.draftSummaries.mutationOptions({
      onSuccess: (result) => {
        // Keep whatever the agent already typed while the drafts were coming.
        setSummaries((current) => Object.fromEntries(result.summaries.map((s) => [s.ticketId, current[s.ticketId] || s.summary])));
        setNotes(Object.fromEntries(result.summaries.map((s) => [s.ticketId, s.note])));
      },
    }),
  );
  const { mutate: requestDrafts } = draft;
  useEffect(() => {
    requestDrafts({ ticketIds });
    // Drafted once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const send = useMutation(
    trpc.approvals.send.mutationOptions({
      onSuccess: async (result) => {
        // The ticket's panel and pills must show the new request the moment the dialog closes:
        // wait for the approvals queries on screen to refetch, then refresh the rest (trail, list).
        await queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
        toast({
          variant: "success",
          title: `Approval requested from ${prepared.owner.name}`,
          description:
            result.engagements.length === 1 ? `One e-mail sent to ${result.ownerEmail}.` : `${result.engagements.length} requests in one e-mail to ${result.ownerEmail}.`,
        });
        void queryClient.invalidateQueries();
        onSent?.();
        onClose();
      },
      onError: (error) => setFieldError(error.message),
    }),
  );

  const missing = ticketIds.filter((id) => !(summaries[id] ?? "").trim()).length;
  const sendRequest = (sendWithoutSummary: boolean) => {
    setFieldError(null);
    send.mutate({ ticketIds, mode, note, sendWithoutSummary, summaries: ticketIds.map((id) => ({ ticketId: id, summary: summaries[id] ?? "" })) });
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    // The owner decides from this brief: an empty one goes out only when the agent says so.
    if (missing > 0) {
      setFieldError(`${missing === 1 ? "A summary is" : `${missing} summaries are`} empty. Write one, or choose "Send without a summary".`);
      return;
    }
    sendRequest(false);
  };

  const reengaged = mode === "single" ? (prepared.tickets[0]?.currentState as ApprovalStateValue | null) : null;
  const drafting = draft.isPending;
  return (
    <form onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{mode === "bulk" ? `Request owner approval for ${prepared.tickets.length} tickets` : "Request owner approval"}</DialogTitle>
        <DialogDescription>
          {mode === "bulk"
            ? `One e-mail to ${prepared.owner.name} with one card per ticket; each is approved or rejected on its own.`
            : `${prepared.owner.name} gets an e-mail with approve and reject links. The decision is posted on the ticket.`}
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Owner">
          <Input readOnly value={prepared.owner.name} />
        </FormField>
        <FormField label="Owner e-mail">
          <Input readOnly value={prepared.owner.email} />
        </FormField>
      </div>

      {reengaged && reengaged !== "superseded" ? (
        <Alert variant="warning" title="This replaces the current request">
          The current request is {APPROVAL_STATE_LABELS[reengaged].toLowerCase()}. Sending a new one makes its links stop working at once; it stays on
          the ticket&apos;s trail.
        </Alert>
      ) : null}

      <Alert variant="info">
        {prepared.aiEnabled
          ? `${prepared.privacyNotice} Check and edit the draft before sending.`
          : "AI summaries are off (no AI key is configured), so no ticket content is sent anywhere. The brief below is prefilled from the description and public thread: check and edit it."}
      </Alert>
      {draft.isError ? <Alert variant="warning">The AI drafts could not be loaded ({draft.error.message}). Write the briefs yourself.</Alert> : null}

      <div className="grid gap-4">
        {prepared.tickets.map((ticket) => (
          <FormField
            key={ticket.id}
            label={mode === "bulk" ? `Summary for ${ticket.number}` : "Summary"}
            description={
              <>
                {mode === "bulk" ? <span className="block truncate">{ticket.subject}</span> : null}
                {drafting ? (
                  <span className="inline-flex items-center gap-2">
                    <Spinner size="sm" /> Drafting with AI…
                  </span>
                ) : notes[ticket.id] ? (
                  <span className="text-warning-subtle-foreground">{notes[ticket.id]}</span>
                ) : null}
              </>
            }
          >
            <Textarea
              rows={mode === "bulk" ? 4 : 7}
              maxLength={APPROVAL_SUMMARY_MAX_CHARS}
              value={summaries[ticket.id] ?? ""}
              onChange={(e) => setSummaries((s) => ({ ...s, [ticket.id]: e.target.value }))}
              placeholder="• The ask: …"
            />
          </FormField>
        ))}
      </div>

      <FormField label="Personal note (optional)" description="Shown at the top of the e-mail.">
        <Textarea rows={2} maxLength={APPROVAL_NOTE_MAX_CHARS} value={note} onChange={(e) => setNote(e.target.value)} />
      </FormField>

      {fieldError ? <Alert variant="danger">{fieldError}</Alert> : null}

      <DialogFooter>
        <Button variant="outline" onClick={onClose}>
          Cancel
        </Button>
        {missing > 0 && !drafting ? (
          <Button type="button" variant="outline" disabled={send.isPending} onClick={() => sendRequest(true)}>
            Send without a summary
          </Button>
        ) : null}
        <Button type="submit" loading={send.isPending} disabled={drafting}>
          {mode === "bulk" ? `Send ${prepared.tickets.length} requests` : "Send request"}
        </Button>
      </DialogFooter>
    </form>
  );
}
