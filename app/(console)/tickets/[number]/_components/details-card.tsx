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
import type { ConsoleTicketData } from "./ticket-types";

const join = (items: readonly string[]) => items.join(", ");
const split = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);

/** Status, priority, type, team and assignee change at once; the free-text fields save together. */
export function DetailsCard({ ticket, onChanged }: { ticket: ConsoleTicketData; onChanged: () => unknown }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.helpdesk.tickets.options.queryOptions());
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});

  const update = useMutation(
    trpc.helpdesk.tickets.update.mutationOptions({
      onSuccess: (r) => {
        setErrors({});
        if (r.changed.length) toast({ title: "Ticket updated", variant: "success" });
        void onChanged();
      },
      onError: (error) => {
        setErrors(fieldErrorsOf(error));
        toast({ title: "Could not update the ticket", description: error.message, variant: "error" });
      },
    }),
  );
  const change = (data: Parameters<typeof update.mutate>[0]["data"]) => update.mutate({ id: ticket.id, data });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Details</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <FormField label="Status" error={errors["data.status"]}>
          <NativeSelect
            value={ticket.status}
            disabled={update.isPending}
            onChange={(e) => change({ status: e.target.value as TicketStatus })}
            options={TICKET_STATUSES.map((s) => ({
              value: s,
              label: TICKET_STATUS_INFO[s].label,
              disabled: s !== ticket.status && !canTransitionStatus(ticket.status, s),
            }))}
          />
        </FormField>
        <FormField label="Priority">
          <NativeSelect
            value={ticket.priority}
            disabled={update.isPending}
            onChange={(e) => change({ priority: e.target.value as TicketPriority })}
            options={[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))}
          />
        </FormField>
        <FormField label="Type">
          <NativeSelect
            value={ticket.type}
            disabled={update.isPending}
            onChange={(e) => change({ type: e.target.value as TicketType })}
            options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))}
          />
        </FormField>
        <FormField label="Team" error={errors["data.teamId"] ?? errors.teamId}>
          <NativeSelect
            value={ticket.team?.id ?? ""}
            disabled={update.isPending}
            onChange={(e) => change({ teamId: e.target.value || null })}
            options={[{ value: "", label: "No team" }, ...(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))]}
          />
        </FormField>
        <FormField label="Assignee" error={errors["data.assigneeId"] ?? errors.assigneeId}>
          <NativeSelect
            value={ticket.assignee?.id ?? ""}
            disabled={update.isPending}
            onChange={(e) => change({ assigneeId: e.target.value || null })}
            options={[{ value: "", label: "Unassigned" }, ...(options.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name ?? s.email }))]}
          />
        </FormField>
        <FieldsForm
          // A new key after each save starts the form from the stored values.
          key={JSON.stringify([ticket.tags, ticket.serviceAddress, ticket.affectedServices, ticket.deviceSerials])}
          ticket={ticket}
          errors={errors}
          saving={update.isPending}
          onSave={(data) => change(data)}
        />
      </CardContent>
    </Card>
  );
}

function FieldsForm({
  ticket,
  errors,
  saving,
  onSave,
}: {
  ticket: ConsoleTicketData;
  errors: Record<string, string[] | undefined>;
  saving: boolean;
  onSave: (data: { tags: string[]; serviceAddress: string; affectedServices: string[]; deviceSerials: string[] }) => void;
}) {
  const [fields, setFields] = useState({
    tags: join(ticket.tags),
    serviceAddress: ticket.serviceAddress ?? "",
    affectedServices: join(ticket.affectedServices),
    deviceSerials: join(ticket.deviceSerials),
  });
  return (
        <form
          className="space-y-3 border-t pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            onSave({
              tags: split(fields.tags),
              serviceAddress: fields.serviceAddress,
              affectedServices: split(fields.affectedServices),
              deviceSerials: split(fields.deviceSerials),
            });
          }}
        >
          <FormField label="Service address" error={errors["data.serviceAddress"]}>
            <Input value={fields.serviceAddress} onChange={(e) => setFields({ ...fields, serviceAddress: e.target.value })} />
          </FormField>
          <FormField label="Affected services" description="Comma-separated" error={errors["data.affectedServices"]}>
            <Input value={fields.affectedServices} onChange={(e) => setFields({ ...fields, affectedServices: e.target.value })} />
          </FormField>
          <FormField label="Device serials" description="Comma-separated" error={errors["data.deviceSerials"]}>
            <Input value={fields.deviceSerials} onChange={(e) => setFields({ ...fields, deviceSerials: e.target.value })} />
          </FormField>
          <FormField label="Tags" description="Comma-separated" error={errors["data.tags"]}>
            <Input value={fields.tags} onChange={(e) => setFields({ ...fields, tags: e.target.value })} />
          </FormField>
          <Button type="submit" size="sm" variant="outline" loading={saving}>
            Save details
          </Button>
        </form>
  );
}
