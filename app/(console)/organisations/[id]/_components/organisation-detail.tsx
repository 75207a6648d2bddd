"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ActionTrail } from "@/components/people/action-trail";
import { CustomerLinkPicker } from "@/components/people/customer-link-picker";
import { InviteForm } from "@/components/people/invite-form";
import { PendingInvitations } from "@/components/people/pending-invitations";
import { PeopleTable } from "@/components/people/people-table";
import { usePeopleMutationHandlers } from "@/components/people/use-people-mutation";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

const CLIENT_ROLES = ["CLIENT_ADMIN", "CLIENT_USER"] as const;

/** One client organisation: details, people, invitations, tickets, approvals, billing, sign-ins and its trail. */
export function OrganisationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.people.organisations.get.queryOptions({ id }));
  const [edit, setEdit] = useState<Record<string, string> | null>(null);
  const handlers = usePeopleMutationHandlers("Saved");
  const update = useMutation(trpc.people.organisations.update.mutationOptions({ ...handlers, onSuccess: () => (handlers.onSuccess(), setEdit(null)) }));
  const archive = useMutation(trpc.people.organisations.archive.mutationOptions(handlers));
  const restore = useMutation(trpc.people.organisations.restore.mutationOptions(handlers));
  if (detail.error) return <p role="alert">{detail.error.message}</p>;
  const d = detail.data;
  if (!d) return null;
  const o = d.organisation;
  const fields = ["name", "ownerName", "ownerEmail", "billingContactName", "billingContactEmail"] as const;
  const labels: Record<(typeof fields)[number], string> = {
    name: "Name",
    ownerName: "Owner name",
    ownerEmail: "Owner e-mail",
    billingContactName: "Billing contact",
    billingContactEmail: "Billing contact e-mail",
  };

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle as="h2">
            {o.name} <Badge variant="outline">{o.label}</Badge> {o.archivedAt ? <Badge variant="secondary">Archived {formatDateTime(o.archivedAt)}</Badge> : null}
          </CardTitle>
          <div className="flex gap-2">
            {!edit ? (
              <Button size="sm" variant="outline" onClick={() => setEdit(Object.fromEntries(fields.map((f) => [f, o[f] ?? ""])))}>
                Edit
              </Button>
            ) : null}
            {o.archivedAt ? (
              <Button size="sm" variant="outline" onClick={() => restore.mutate({ id })}>
                Restore
              </Button>
            ) : (
              <Button
                size="sm"
                variant="destructive"
                onClick={() => {
                  if (window.confirm(`Archive ${o.name}? History stays; its people can no longer sign in.`)) archive.mutate({ id });
                }}
              >
                Archive
              </Button>
            )}
          </div>
        </CardHeader>
        <CardContent>
          {edit ? (
            <form
              className="grid gap-3 sm:grid-cols-2"
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ id, data: edit });
              }}
            >
              {fields.map((f) => (
                <FormField key={f} label={labels[f]} error={handlers.errors[f]}>
                  <Input value={edit[f] ?? ""} onChange={(e) => setEdit({ ...edit, [f]: e.target.value })} />
                </FormField>
              ))}
              <div className="flex gap-2 sm:col-span-2">
                <Button type="submit" loading={update.isPending}>
                  Save
                </Button>
                <Button type="button" variant="ghost" onClick={() => setEdit(null)}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <dl className="grid gap-2 text-sm sm:grid-cols-2">
              {fields.slice(1).map((f) => (
                <div key={f}>
                  <dt className="text-muted-foreground">{labels[f]}</dt>
                  <dd>{o[f] ?? "—"}</dd>
                </div>
              ))}
            </dl>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2">People</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <PeopleTable organisationId={id} roles={CLIENT_ROLES} userPathPrefix="/users/" />
            {!o.archivedAt ? <InviteForm organisationId={id} roles={CLIENT_ROLES} /> : null}
            <h3 className="pt-2 text-sm font-semibold">Pending invitations</h3>
            <PendingInvitations organisationId={id} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Tickets, approvals and billing</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            <p>
              {d.tickets.open} open tickets · {d.pendingApprovals} approvals waiting · {d.billing.openInvoices} unpaid invoices
            </p>
            <ul className="space-y-1">
              {d.tickets.recent.map((t) => (
                <li key={t.id}>
                  <Link href={`/tickets/${t.number}`} className="text-primary underline-offset-2 hover:underline">
                    {t.number}
                  </Link>{" "}
                  {t.subject} <Badge variant="outline">{t.status.replace(/_/g, " ")}</Badge>
                </li>
              ))}
            </ul>
            <CustomerLinkPicker
              organisationId={id}
              linked={d.billing.customers.map((c) => ({ id: c.id, name: `${c.name}${c.paymentMethodLabel ? ` (${c.paymentMethodLabel})` : " (no card on file)"}` }))}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Recent sign-ins</CardTitle>
          </CardHeader>
          <CardContent>
            {d.recentSignIns.length === 0 ? <p className="text-sm text-muted-foreground">No sign-ins yet.</p> : null}
            <ul className="space-y-1 text-sm">
              {d.recentSignIns.map((e) => (
                <li key={e.id}>
                  <Link href={`/audit/${e.id}`} className="text-primary underline-offset-2 hover:underline">
                    {formatDateTime(e.occurredAt)}
                  </Link>{" "}
                  {e.login} from {e.ip} · {e.result === "SUCCESS" ? "signed in" : `failed (${e.failureReason?.toLowerCase().replace(/_/g, " ")})`}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">History</CardTitle>
          </CardHeader>
          <CardContent>
            <ActionTrail actions={d.actions} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
