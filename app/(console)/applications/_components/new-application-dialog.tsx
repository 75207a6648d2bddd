"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

type FieldErrors = Record<string, string[] | undefined>;

/** "11, 12" → [11, 12]; anything that is not a page number is left for the server to name. */
function parsePages(value: string): number[] {
  return value
    .split(/[\s,;&]+/)
    .filter(Boolean)
    .map(Number);
}

export function NewApplicationDialog({
  open,
  onOpenChange,
  organisations,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organisations: ReadonlyArray<{ id: string; label: string; name: string }>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.applications.create.mutationOptions({
      onSuccess: (created) => {
        toast({ title: "Application created", description: created.number, variant: "success" });
        onOpenChange(false);
        void queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
        router.push(`/applications/${created.number}`);
      },
      onError: (e) => {
        const fieldErrors = (e.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors;
        setErrors(fieldErrors ?? {});
        if (!fieldErrors) toast({ title: "Could not create the application", description: e.message, variant: "error" });
      },
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setErrors({});
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>New application</DialogTitle>
          <DialogDescription>For a client organisation; documents come in with “Mark application received”.</DialogDescription>
        </DialogHeader>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const text = (name: string) => String(data.get(name) ?? "");
            create.mutate({
              organisationId: text("organisationId"),
              applicantName: text("applicantName"),
              program: text("program"),
              reference: text("reference"),
              ticketNumber: text("ticketNumber"),
              signaturePages: parsePages(text("signaturePages")),
              formPageCount: Number(text("formPageCount")),
              status: text("status") === "waiting_for_application" ? "waiting_for_application" : "assessment_completed",
            });
          }}
        >
          <FormField label="Client" error={errors.organisationId} required>
            <NativeSelect
              name="organisationId"
              required
              placeholder="Pick a client"
              options={organisations.map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))}
              defaultValue=""
            />
          </FormField>
          <FormField label="Applicant" error={errors.applicantName} required>
            <Input name="applicantName" required maxLength={200} />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Program" error={errors.program} required>
              <Input name="program" required maxLength={120} placeholder="e.g. ADP mobility" />
            </FormField>
            <FormField label="Reference" error={errors.reference}>
              <Input name="reference" maxLength={120} />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Signature pages" description="Pages that carry signatures, e.g. 11, 12" error={errors.signaturePages}>
              <Input name="signaturePages" defaultValue="11, 12" inputMode="numeric" />
            </FormField>
            <FormField label="Pages in the complete form" error={errors.formPageCount}>
              <Input name="formPageCount" type="number" min={1} max={500} defaultValue={14} />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Status" error={errors.status}>
              <NativeSelect
                name="status"
                defaultValue="assessment_completed"
                options={[
                  { value: "assessment_completed", label: "Assessment completed" },
                  { value: "waiting_for_application", label: "Waiting for application" },
                ]}
              />
            </FormField>
            <FormField label="Linked ticket" description="Optional, e.g. TCK-…" error={errors.ticketNumber}>
              <Input name="ticketNumber" maxLength={20} />
            </FormField>
          </div>
          <DialogFooter>
            <Button type="submit" loading={create.isPending}>
              Create application
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
