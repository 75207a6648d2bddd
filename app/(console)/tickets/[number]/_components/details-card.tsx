"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import {
  TICKET_PRIORITIES,
  TICKET_PRIORITY_INFO,
  TICKET_STATUSES,
  TICKET_STATUS_INFO,
  TICKET_TYPES,
  TICKET_TYPE_INFO,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from "@/lib/helpdesk/constants";
import { canTransitionStatus } from "@/lib/helpdesk/ticket-statuses";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";
import type { UpdateTicketInput } from "@/lib/validators/helpdesk";
import type { ConsoleTicketData } from "./ticket-types";
import { splitCommaList } from "@/lib/helpdesk/comma-list";

const join = (items: readonly string[]) => items.join(", ");

interface DetailsForm {
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  teamId: string;
  assigneeId: string;
  serviceAddress: string;
  affectedServices: string;
  deviceSerials: string;
  tags: string;
}

function formOf(ticket: ConsoleTicketData): DetailsForm {
  return {
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    teamId: ticket.team?.id ?? "",
    assigneeId: ticket.assignee?.id ?? "",
    serviceAddress: ticket.serviceAddress ?? "",
    affectedServices: join(ticket.affectedServices),
    deviceSerials: join(ticket.deviceSerials),
    tags: join(ticket.tags),
  };
}

/** Only what the agent changed, as the update procedure takes it. */
function changesOf(saved: DetailsForm, form: DetailsForm): UpdateTicketInput["data"] {
  const data: UpdateTicketInput["data"] = {};
  if (form.status !== saved.status) data.status = form.status;
  if (form.priority !== saved.priority) data.priority = form.priority;
  if (form.type !== saved.type) data.type = form.type;
  if (form.teamId !== saved.teamId) data.teamId = form.teamId || null;
  if (form.assigneeId !== saved.assigneeId) data.assigneeId = form.assigneeId || null;
  if (form.serviceAddress.trim() !== saved.serviceAddress) data.serviceAddress = form.serviceAddress;
  if (join(splitCommaList(form.affectedServices)) !== saved.affectedServices) data.affectedServices = splitCommaList(form.affectedServices);
  if (join(splitCommaList(form.deviceSerials)) !== saved.deviceSerials) data.deviceSerials = splitCommaList(form.deviceSerials);
  if (join(splitCommaList(form.tags)) !== saved.tags) data.tags = splitCommaList(form.tags);
  return data;
}

/**
 * The ticket's details as one form with one save: every field (selects and
 * text) is edited locally and "Save changes" sends only what changed, in one
 * update with one toast. A new key after each save restarts it from the stored values.
 */
export function DetailsCard({ ticket, onChanged }: { ticket: ConsoleTicketData; onChanged: () => unknown }) {
  const saved = formOf(ticket);
  return <DetailsFormCard key={JSON.stringify(saved)} ticket={ticket} saved={saved} onChanged={onChanged} />;
}

function DetailsFormCard({ ticket, saved, onChanged }: { ticket: ConsoleTicketData; saved: DetailsForm; onChanged: () => unknown }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.helpdesk.tickets.options.queryOptions());
  const [form, setForm] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const update = useMutation(
    trpc.helpdesk.tickets.update.mutationOptions({
      onSuccess: (r) => {
        setErrors({});
        toast({ title: r.changed.length ? "Ticket updated" : "Nothing changed", variant: "success" });
        void onChanged();
      },
      onError: (error) => setErrors(fieldErrorsOf(error)),
    }),
  );
  const changes = changesOf(saved, form);
  const dirty = Object.keys(changes).length > 0;
  const set = <K extends keyof DetailsForm>(key: K) => (value: DetailsForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (field: string) => errors[`data.${field}`] ?? errors[field];

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Details</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="space-y-3"
          aria-label="Ticket details"
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty) update.mutate({ id: ticket.id, data: changes });
          }}
        >
          <FormField label="Status" error={err("status")}>
            <NativeSelect
              value={form.status}
              onChange={(e) => set("status")(e.target.value as TicketStatus)}
              options={TICKET_STATUSES.map((s) => ({
                value: s,
                label: TICKET_STATUS_INFO[s].label,
                disabled: s !== ticket.status && !canTransitionStatus(ticket.status, s),
              }))}
            />
          </FormField>
          <FormField label="Priority" error={err("priority")}>
            <NativeSelect
              value={form.priority}
              onChange={(e) => set("priority")(e.target.value as TicketPriority)}
              options={[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))}
            />
          </FormField>
          <FormField label="Type" error={err("type")}>
            <NativeSelect
              value={form.type}
              onChange={(e) => set("type")(e.target.value as TicketType)}
              options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))}
            />
          </FormField>
          <FormField label="Team" error={err("teamId")}>
            <NativeSelect
              value={form.teamId}
              onChange={(e) => set("teamId")(e.target.value)}
              options={[{ value: "", label: "No team" }, ...(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))]}
            />
          </FormField>
          <FormField label="Assignee" error={err("assigneeId")}>
            <NativeSelect
              value={form.assigneeId}
              onChange={(e) => set("assigneeId")(e.target.value)}
              options={[{ value: "", label: "Unassigned" }, ...(options.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name ?? s.email }))]}
            />
          </FormField>
          <FormField label="Service address" error={err("serviceAddress")}>
            <Input value={form.serviceAddress} onChange={(e) => set("serviceAddress")(e.target.value)} />
          </FormField>
          <FormField label="Affected services" description="Comma-separated" error={err("affectedServices")}>
            <Input value={form.affectedServices} onChange={(e) => set("affectedServices")(e.target.value)} />
          </FormField>
          <FormField label="Device serials" description="Comma-separated" error={err("deviceSerials")}>
            <Input value={form.deviceSerials} onChange={(e) => set("deviceSerials")(e.target.value)} />
          </FormField>
          <FormField label="Tags" description="Comma-separated" error={err("tags")}>
            <Input value={form.tags} onChange={(e) => set("tags")(e.target.value)} />
          </FormField>
          {update.error && Object.keys(errors).length === 0 ? (
            <p role="alert" className="text-sm text-danger">
              {update.error.message}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" size="sm" disabled={!dirty} loading={update.isPending}>
              Save changes
            </Button>
            {dirty ? (
              <>
                <Button type="button" size="sm" variant="ghost" onClick={() => setForm(saved)}>
                  Discard
                </Button>
                <span className="text-xs text-muted-foreground" role="status">
                  Unsaved changes
                </span>
              </>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
