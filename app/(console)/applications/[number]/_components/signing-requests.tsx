"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { SIGNING_STATE_LABELS } from "@/lib/applications/application-status";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import type { ApplicationDetail } from "@/server/applications/get-application";
import { PdfPicker } from "./pdf-picker";
import { postForm } from "./post-form";

const STATE_VARIANT = { sent: "info", signed: "success", revoked: "outline", expired: "warning" } as const;

/** Remote signing requests: send one, and resend or revoke those still open. */
export function SigningRequests({ app, onChanged }: { app: ApplicationDetail; onChanged: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const done = (title: string) => ({
    onSuccess: () => {
      toast({ title, variant: "success" as const });
      onChanged();
    },
    onError: (e: { message: string }) => toast({ title: "Not done", description: e.message, variant: "error" as const }),
  });
  const resend = useMutation(trpc.applications.resendSignature.mutationOptions(done("New signing link sent")));
  const revoke = useMutation(trpc.applications.revokeSignature.mutationOptions(done("Signing request revoked")));
  const closed = ["submitted", "approved", "denied", "closed"].includes(app.status);

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Signing requests</CardTitle>
        {closed ? null : (
          <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
            Request remote signature
          </Button>
        )}
      </CardHeader>
      <CardContent>
        {app.signingRequests.length === 0 ? (
          <p className="text-sm text-muted-foreground">No remote signature requested.</p>
        ) : (
          <ul className="space-y-3" aria-label="Signing requests">
            {app.signingRequests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="signing-request">
                <Badge variant={STATE_VARIANT[r.state]}>{SIGNING_STATE_LABELS[r.state]}</Badge>
                <span>
                  Page {r.page} · {r.signerName} ({r.relationship}) · <span className="break-all">{r.signerEmail}</span>
                </span>
                <span className="text-muted-foreground">
                  {r.signedAt ? `signed ${formatDateTime(r.signedAt)}` : `sent ${formatDateTime(r.sentAt)}, expires ${formatDateTime(r.expiresAt)}`}
                </span>
                {r.signedDocumentId ? (
                  <a className="font-medium text-primary underline-offset-2 hover:underline" href={`/api/applications/documents/${r.signedDocumentId}`}>
                    Signed PDF
                  </a>
                ) : null}
                {r.state === "sent" || r.state === "expired" ? (
                  <span className="ml-auto flex gap-2">
                    <Button size="sm" variant="outline" loading={resend.isPending && resend.variables?.requestId === r.id} onClick={() => resend.mutate({ requestId: r.id })}>
                      Resend
                    </Button>
                    <Button size="sm" variant="outline" loading={revoke.isPending && revoke.variables?.requestId === r.id} onClick={() => revoke.mutate({ requestId: r.id })}>
                      Revoke
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <RequestSignatureDialog app={app} open={open} onOpenChange={setOpen} onSent={onChanged} />
    </Card>
  );
}

function RequestSignatureDialog({
  app,
  open,
  onOpenChange,
  onSent,
}: {
  app: ApplicationDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSent: () => void;
}) {
  const [source, setSource] = useState<File | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const fieldError = (name: string) => (error?.field === name ? error.message : null);

  async function submit(form: HTMLFormElement) {
    setPending(true);
    setError(null);
    const body = new FormData(form);
    body.delete("source");
    if (source) body.set("source", source);
    const result = await postForm<{ requestId: string }>(`/api/applications/${app.id}/signing-requests`, body);
    setPending(false);
    if (!result.ok) return setError(result);
    toast({ title: "Signing request sent", variant: "success" });
    onOpenChange(false);
    onSent();
  }

  return (
    <Dialog open={open} onOpenChange={(next) => { setError(null); onOpenChange(next); }}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Request remote signature</DialogTitle>
          <DialogDescription>The signer gets a single-use link by e-mail to see the page and sign it.</DialogDescription>
        </DialogHeader>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(e.currentTarget);
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Signer name" error={fieldError("signerName")} required>
              <Input name="signerName" required maxLength={200} />
            </FormField>
            <FormField label="Relationship" description="e.g. Applicant, Parent, Guardian" error={fieldError("relationship")} required>
              <Input name="relationship" required maxLength={100} />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <FormField label="Signer e-mail" error={fieldError("signerEmail")} required>
              <Input name="signerEmail" type="email" required maxLength={254} />
            </FormField>
            <FormField label="Page" error={fieldError("page")} required>
              <Input name="page" type="number" min={1} max={500} required defaultValue={app.signaturePages[0] ?? 1} />
            </FormField>
          </div>
          <PdfPicker
            label={app.hasOriginal ? "PDF to sign (optional: defaults to the original application)" : "PDF to sign"}
            kind="source"
            file={source}
            onFile={setSource}
            required={!app.hasOriginal}
            error={fieldError("source")}
          />
          {error && !["signerName", "relationship", "signerEmail", "page", "source"].includes(error.field ?? "") ? (
            <p className="text-sm text-danger" role="alert">
              {error.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending}>
              Send signing request
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
