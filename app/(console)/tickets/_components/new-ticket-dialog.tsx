"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ServiceListFields } from "@/components/helpdesk/service-list-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { TICKET_PRIORITIES, TICKET_PRIORITY_INFO, TICKET_TYPES, TICKET_TYPE_INFO } from "@/lib/helpdesk/constants";
import { useTRPC } from "@/lib/trpc/react";
import { splitCommaList } from "@/lib/helpdesk/comma-list";


const EMPTY = {
  organisationId: "",
  reporterName: "",
  reporterEmail: "",
  subject: "",
  description: "",
  type: "technical_support",
  priority: "normal",
  teamId: "",
  assigneeId: "",
  serviceAddress: "",
  affectedServices: "",
  deviceSerials: "",
  tags: "",
};

/** "New ticket" in the console: filed for a client organisation's reporter, who gets the acknowledgement. */
export function NewTicketDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const { errors, setErrors, onError } = useFormErrors("Could not file the ticket");
  const options = useQuery({ ...trpc.helpdesk.tickets.options.queryOptions(), enabled: open });

  const create = useMutation(
    trpc.helpdesk.tickets.create.mutationOptions({
      onSuccess: ({ number }) => {
        toast({ title: `Ticket ${number} filed`, description: "The reporter was sent an acknowledgement with a follow-up link.", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.tickets.pathKey() });
        setOpen(false);
        setForm(EMPTY);
        router.push(`/tickets/${number}`);
      },
      onError,
    }),
  );

  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New ticket
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New ticket</DialogTitle>
          <DialogDescription>File a ticket on behalf of a client. The reporter is e-mailed a link to follow it.</DialogDescription>
        </DialogHeader>
        <form
          id="new-ticket-form"
          className="grid gap-4 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            setErrors({});
            create.mutate({
              organisationId: form.organisationId,
              reporterName: form.reporterName,
              reporterEmail: form.reporterEmail,
              subject: form.subject,
              description: form.description,
              type: form.type as (typeof TICKET_TYPES)[number],
              priority: form.priority as (typeof TICKET_PRIORITIES)[number],
              teamId: form.teamId || undefined,
              assigneeId: form.assigneeId || undefined,
              serviceAddress: form.serviceAddress || undefined,
              affectedServices: splitCommaList(form.affectedServices),
              deviceSerials: splitCommaList(form.deviceSerials),
              tags: splitCommaList(form.tags),
            });
          }}
        >
          <FormField label="Organisation" required error={errors.organisationId}>
            <NativeSelect
              value={form.organisationId}
              onChange={set("organisationId")}
              placeholder="Choose a client…"
              required
              options={(options.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))}
            />
          </FormField>
          <FormField label="Type" required error={errors.type}>
            <NativeSelect value={form.type} onChange={set("type")} options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))} />
          </FormField>
          <FormField label="Reporter name" required error={errors.reporterName}>
            <Input value={form.reporterName} onChange={set("reporterName")} required autoComplete="off" />
          </FormField>
          <FormField label="Reporter e-mail" required error={errors.reporterEmail}>
            <Input type="email" value={form.reporterEmail} onChange={set("reporterEmail")} required autoComplete="off" />
          </FormField>
          <FormField label="Subject" required error={errors.subject} className="sm:col-span-2">
            <Input value={form.subject} onChange={set("subject")} required minLength={3} maxLength={200} />
          </FormField>
          <FormField label="Description" required error={errors.description} className="sm:col-span-2">
            <Textarea value={form.description} onChange={set("description")} required rows={5} />
          </FormField>
          <FormField label="Priority" error={errors.priority}>
            <NativeSelect value={form.priority} onChange={set("priority")} options={[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))} />
          </FormField>
          <FormField label="Team" error={errors.teamId}>
            <NativeSelect value={form.teamId} onChange={set("teamId")} placeholder="No team" options={(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))} />
          </FormField>
          <FormField label="Assignee" error={errors.assigneeId}>
            <NativeSelect
              value={form.assigneeId}
              onChange={set("assigneeId")}
              placeholder="Unassigned"
              options={(options.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name ?? s.email }))}
            />
          </FormField>
          <FormField label="Service address" error={errors.serviceAddress}>
            <Input value={form.serviceAddress} onChange={set("serviceAddress")} autoComplete="off" />
          </FormField>
          <ServiceListFields values={form} errors={errors} onChange={(key, value) => setForm({ ...form, [key]: value })} />
          <FormField label="Tags" description="Comma-separated" error={errors.tags} className="sm:col-span-2">
            <Input value={form.tags} onChange={set("tags")} />
          </FormField>
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" form="new-ticket-form" loading={create.isPending}>
            File ticket
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
