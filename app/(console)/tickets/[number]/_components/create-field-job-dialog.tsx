"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { ServiceListFields } from "@/components/helpdesk/service-list-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { createFieldJobSchema } from "@/lib/validators/field-jobs";
import { useTRPC } from "@/lib/trpc/react";
import { splitCommaList } from "@/lib/helpdesk/comma-list";
import { AttachmentPicker, type PickableAttachment } from "./attachment-picker";

interface Defaults {
  siteAddress: string;
  affectedServices: string[];
  deviceSerials: string[];
  description: string;
}

/** "Create field job": prefilled from the ticket and its customer, with the ticket's attachments to pick; errors shown on the fields. */
export function CreateFieldJobDialog(props: {
  ticketId: string;
  connections: { id: string; name: string }[];
  defaults: Defaults;
  attachments: readonly PickableAttachment[];
  onCreated: () => unknown;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const initial = () => ({
    connectionId: props.connections[0]?.id ?? "",
    siteAddress: props.defaults.siteAddress,
    affectedServices: props.defaults.affectedServices.join(", "),
    deviceSerials: props.defaults.deviceSerials.join(", "),
    description: props.defaults.description,
    attachmentIds: [] as string[],
  });
  const [form, setForm] = useState(initial);
  const { errors, setErrors, onError } = useFormErrors("Could not create the field job");
  const create = useMutation(
    trpc.fieldJobs.create.mutationOptions({
      onSuccess: (r) => {
        const sending = r.attachmentsQueued > 0 ? `${r.attachmentsQueued} attachment${r.attachmentsQueued === 1 ? "" : "s"} will go with it.` : undefined;
        toast({ title: r.created ? "Field job requested" : "This ticket already has a field job", description: sending, variant: r.created ? "success" : "default" });
        setOpen(false);
        void props.onCreated();
      },
      onError,
    }),
  );
  const set = (key: Exclude<keyof ReturnType<typeof initial>, "attachmentIds">) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setForm(initial());
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" disabled={props.connections.length === 0}>
          Create field job
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Create field job</DialogTitle>
          <DialogDescription>Sends a job to the field-service system for this ticket&apos;s customer. Its status comes back onto the ticket.</DialogDescription>
        </DialogHeader>
        <form
          id="field-job-form"
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const input = {
              ticketId: props.ticketId,
              connectionId: form.connectionId,
              siteAddress: form.siteAddress,
              affectedServices: splitCommaList(form.affectedServices),
              deviceSerials: splitCommaList(form.deviceSerials),
              description: form.description,
              attachmentIds: form.attachmentIds,
            };
            const parsed = createFieldJobSchema.safeParse(input);
            if (!parsed.success) {
              setErrors(z.flattenError(parsed.error).fieldErrors);
              return;
            }
            setErrors({});
            create.mutate(parsed.data);
          }}
        >
          {props.connections.length > 1 ? (
            <FormField label="Connection" required error={errors.connectionId}>
              <NativeSelect value={form.connectionId} onChange={set("connectionId")} options={props.connections.map((c) => ({ value: c.id, label: c.name }))} />
            </FormField>
          ) : errors.connectionId ? (
            <p className="text-sm text-danger">{errors.connectionId.join(" ")}</p>
          ) : null}
          <FormField label="Site / service address" required error={errors.siteAddress}>
            <Input value={form.siteAddress} onChange={set("siteAddress")} autoComplete="off" />
          </FormField>
          <ServiceListFields values={form} errors={errors} onChange={(key, value) => setForm({ ...form, [key]: value })} />
          <FormField label="Description for the technician" required error={errors.description}>
            <Textarea value={form.description} onChange={set("description")} rows={5} />
          </FormField>
          <AttachmentPicker
            attachments={props.attachments}
            selected={form.attachmentIds}
            onChange={(attachmentIds) => setForm({ ...form, attachmentIds })}
            error={errors.attachmentIds}
          />
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" form="field-job-form" loading={create.isPending}>
            Create job
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
