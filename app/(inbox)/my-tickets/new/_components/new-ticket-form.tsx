"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Paperclip } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { readAttachmentFiles } from "@/components/helpdesk/read-attachment-file";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { ALLOWED_ATTACHMENT_CONTENT_TYPES } from "@/lib/helpdesk/attachment-rules";
import { TICKET_PRIORITIES, TICKET_PRIORITY_INFO, TICKET_TYPES, TICKET_TYPE_INFO, type TicketPriority, type TicketType } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { splitCommaList } from "@/lib/helpdesk/comma-list";


/** The New ticket form: name and e-mail prefilled from the account, both editable. */
export function NewTicketForm() {
  const trpc = useTRPC();
  const me = useQuery(trpc.helpdesk.inbox.me.queryOptions());
  if (!me.data) return <Skeleton className="h-96 w-full" />;
  return <TicketForm name={me.data.name ?? ""} email={me.data.email} />;
}

function TicketForm({ name, email }: { name: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    reporterName: name,
    reporterEmail: email,
    subject: "",
    description: "",
    type: "technical_support" as TicketType,
    priority: "normal" as TicketPriority,
    serviceAddress: "",
    affectedServices: "",
    deviceSerials: "",
  });
  const [files, setFiles] = useState<File[]>([]);
  const { errors, setErrors, onError } = useFormErrors("Could not file the ticket");

  const create = useMutation(
    trpc.helpdesk.inbox.create.mutationOptions({
      onSuccess: ({ number }) => {
        toast({ title: `Ticket ${number} filed`, description: "We e-mailed you a confirmation with a link to follow it.", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.inbox.pathKey() });
        router.push(`/my-tickets/${number}`);
      },
      onError,
    }),
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const attachmentError = Object.entries(errors).find(([k]) => k.startsWith("attachments"))?.[1];

  return (
    <Card>
      <CardContent className="pt-6">
        <form
          className="grid gap-4 sm:grid-cols-2"
          onSubmit={async (e) => {
            e.preventDefault();
            setErrors({});
            const read = await readAttachmentFiles(files);
            if (!read.ok) {
              setErrors({ attachments: [read.error] });
              return;
            }
            create.mutate({
              reporterName: form.reporterName,
              reporterEmail: form.reporterEmail,
              subject: form.subject,
              description: form.description,
              type: form.type,
              priority: form.priority,
              serviceAddress: form.serviceAddress || undefined,
              affectedServices: splitCommaList(form.affectedServices),
              deviceSerials: splitCommaList(form.deviceSerials),
              attachments: read.attachments,
            });
          }}
        >
          <FormField label="Your name" required error={errors.reporterName}>
            <Input name="reporterName" value={form.reporterName} onChange={set("reporterName")} required autoComplete="name" />
          </FormField>
          <FormField label="Your e-mail" description="Replies and the follow-up link go here" required error={errors.reporterEmail}>
            <Input name="reporterEmail" type="email" value={form.reporterEmail} onChange={set("reporterEmail")} required autoComplete="email" />
          </FormField>
          <FormField label="Subject" required error={errors.subject} className="sm:col-span-2">
            <Input name="subject" value={form.subject} onChange={set("subject")} required minLength={3} maxLength={200} />
          </FormField>
          <FormField label="What happened?" required error={errors.description} className="sm:col-span-2">
            <Textarea name="description" value={form.description} onChange={set("description")} required rows={6} />
          </FormField>
          <FormField label="Type" error={errors.type}>
            <NativeSelect name="type" value={form.type} onChange={set("type")} options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))} />
          </FormField>
          <FormField label="Priority" error={errors.priority}>
            <NativeSelect
              name="priority"
              value={form.priority}
              onChange={set("priority")}
              options={[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))}
            />
          </FormField>
          <FormField label="Service address" description="If it is about a site" error={errors.serviceAddress}>
            <Input name="serviceAddress" value={form.serviceAddress} onChange={set("serviceAddress")} autoComplete="street-address" />
          </FormField>
          <FormField label="Affected services" description="Comma-separated, e.g. internet, voip" error={errors.affectedServices}>
            <Input name="affectedServices" value={form.affectedServices} onChange={set("affectedServices")} />
          </FormField>
          <FormField label="Device serial numbers" description="Comma-separated" error={errors.deviceSerials} className="sm:col-span-2">
            <Input name="deviceSerials" value={form.deviceSerials} onChange={set("deviceSerials")} />
          </FormField>
          <FormField label="Attachments" description="Screenshots, PDFs, logs; up to 10 MB each" error={attachmentError} className="sm:col-span-2">
            {(control) => (
              <div className="flex flex-wrap items-center gap-2">
                <label className="inline-flex cursor-pointer items-center gap-1 rounded-md border px-3 py-1.5 text-sm hover:bg-muted focus-within:outline-2 focus-within:outline-ring">
                  <Paperclip className="size-4" aria-hidden /> Choose files
                  <input
                    {...control}
                    type="file"
                    multiple
                    className="sr-only"
                    accept={ALLOWED_ATTACHMENT_CONTENT_TYPES.join(",")}
                    onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
                  />
                </label>
                <span className="text-sm text-muted-foreground">{files.length ? files.map((f) => f.name).join(", ") : "No files chosen"}</span>
              </div>
            )}
          </FormField>
          <div className="sm:col-span-2">
            <Button type="submit" loading={create.isPending}>
              File ticket
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
