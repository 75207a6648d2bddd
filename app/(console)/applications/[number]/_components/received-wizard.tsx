"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { INTAKE_MODES, INTAKE_MODE_LABELS, formatPages, type IntakeMode } from "@/lib/applications/application-status";
import type { ApplicationDetail } from "@/server/applications/get-application";
import { PdfPicker } from "./pdf-picker";
import { postForm } from "./post-form";

/**
 * The "Application received" wizard. The mode opens from what the
 * application already has; a file picked for another mode stays in the form
 * but is only sent in separate mode, so a discarded file is never written.
 */
export function ReceivedWizard({
  app,
  open,
  onOpenChange,
  onDone,
}: {
  app: ApplicationDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const [mode, setMode] = useState<IntakeMode>(app.initialIntakeMode);
  const [original, setOriginal] = useState<File | null>(null);
  const [signedPages, setSignedPages] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const pages = formatPages(app.signaturePages);
  const live = app.signingRequests.filter((r) => r.state === "sent");
  const signed = app.signingRequests.filter((r) => r.state === "signed");

  async function confirm() {
    setPending(true);
    setError(null);
    const body = new FormData();
    body.set("mode", mode);
    if (note.trim()) body.set("note", note);
    if (original) body.set("original", original);
    if (mode === "separate" && signedPages) body.set("signedPages", signedPages);
    const result = await postForm<{ pageCount: number }>(`/api/applications/${app.id}/received`, body);
    setPending(false);
    if (!result.ok) return setError(result);
    toast({ title: "Application received", description: `${app.number} · ${result.data.pageCount} pages`, variant: "success" });
    onOpenChange(false);
    onDone();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setMode(app.initialIntakeMode);
        setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Mark application received</DialogTitle>
          <DialogDescription>
            {app.applicantName} · {app.program}. The application needs signed {pages.toLowerCase()}.
          </DialogDescription>
        </DialogHeader>
        <div className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Where are the signed pages?</legend>
            {INTAKE_MODES.map((m) => (
              <label key={m} className="flex items-start gap-2 text-sm">
                <input type="radio" name="intake-mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-1" />
                <span>{INTAKE_MODE_LABELS[m](pages)}</span>
              </label>
            ))}
          </fieldset>
          <PdfPicker
            label="Original application (PDF)"
            kind="original"
            file={original}
            onFile={setOriginal}
            formPageCount={app.formPageCount}
            required
            error={error?.field === "original" ? error.message : null}
          />
          <div hidden={mode !== "separate"}>
            <PdfPicker
              label={`Signed ${pages.toLowerCase()} (PDF)`}
              kind="signedPages"
              file={signedPages}
              onFile={setSignedPages}
              required
              error={error?.field === "signedPages" ? error.message : null}
            />
          </div>
          {mode === "remote" ? (
            live.length + signed.length === 0 ? (
              <Alert variant="warning" title="No signing request yet">
                Request a remote signature first (Signing requests, below the documents), or pick another mode.
              </Alert>
            ) : signed.length > 0 ? (
              <Alert variant="success" title="Remote signature complete">
                {signed.map((r) => `Page ${r.page} signed by ${r.signerName}`).join("; ")}
              </Alert>
            ) : (
              <Alert variant="info" title="Remote signature pending">
                {live.map((r) => `Page ${r.page} sent to ${r.signerName}`).join("; ")}
              </Alert>
            )
          ) : null}
          <FormField label="Note (optional)" description="Added to the trail with this step.">
            <Textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </FormField>
          {error && error.field !== "original" && error.field !== "signedPages" ? <Alert variant="danger">{error.message}</Alert> : null}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} loading={pending}>
            Confirm received
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
