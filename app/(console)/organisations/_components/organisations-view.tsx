"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Building } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { usePeopleMutationHandlers } from "@/components/people/use-people-mutation";
import { useTRPC } from "@/lib/trpc/react";

const EMPTY = { name: "", label: "", ownerName: "", ownerEmail: "", billingContactName: "", billingContactEmail: "", adminEmail: "" };

/** Search and page through client organisations; create one with its first admin's invitation. */
export function OrganisationsView() {
  const trpc = useTRPC();
  const router = useRouter();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<"active" | "archived" | "all">("active");
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.people.organisations.list.queryOptions({ search, status, page, pageSize: 25 }));
  const [form, setForm] = useState(EMPTY);
  const handlers = usePeopleMutationHandlers("Organisation created");
  const create = useMutation(
    trpc.people.organisations.create.mutationOptions({ ...handlers, onSuccess: (org) => (handlers.onSuccess(), setForm(EMPTY), router.push(`/organisations/${org.id}`)) }),
  );
  const field = (key: keyof typeof EMPTY, label: string, opts: { type?: string; required?: boolean; description?: string } = {}) => (
    <FormField label={label} required={opts.required} description={opts.description} error={handlers.errors[key]}>
      <Input type={opts.type ?? "text"} value={form[key]} required={opts.required} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </FormField>
  );
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / 25));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <Card>
        <CardHeader className="space-y-3">
          <CardTitle as="h2">Client organisations</CardTitle>
          <div className="flex flex-wrap gap-2">
            <Input aria-label="Search organisations" placeholder="Search name, label or owner" value={search} onChange={(e) => (setSearch(e.target.value), setPage(1))} className="max-w-xs" />
            <NativeSelect
              aria-label="Status"
              value={status}
              onChange={(e) => (setStatus(e.target.value as typeof status), setPage(1))}
              options={[
                { value: "active", label: "Active" },
                { value: "archived", label: "Archived" },
                { value: "all", label: "All" },
              ]}
            />
          </div>
        </CardHeader>
        <CardContent>
          {list.data && list.data.rows.length === 0 ? (
            <EmptyState icon={Building} title={search ? "No organisation matches" : "No organisations yet"} description="Create the first one with the form." />
          ) : null}
          <ul className="divide-y">
            {list.data?.rows.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <Link href={`/organisations/${o.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
                    {o.name}
                  </Link>{" "}
                  <Badge variant="outline">{o.label}</Badge> {o.archivedAt ? <Badge variant="secondary">Archived</Badge> : null}
                  <div className="text-sm text-muted-foreground">
                    {o._count.memberships} people · {o._count.invitations} pending invitations · {o._count.tickets} tickets
                    {o.ownerName ? ` · owner ${o.ownerName}` : ""}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <div className="flex items-center justify-between pt-3 text-sm">
              <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <span>
                Page {page} of {pages} ({total})
              </span>
              <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">New organisation</CardTitle>
        </CardHeader>
        <CardContent>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(form);
            }}
          >
            {field("name", "Name", { required: true })}
            {field("label", "Short label", { required: true, description: "2–16 letters or digits, e.g. ACME. Shown in My Tickets and e-mails; never reused." })}
            {field("ownerName", "Owner name")}
            {field("ownerEmail", "Owner e-mail", { type: "email", description: "Approval requests go to the owner." })}
            {field("billingContactName", "Billing contact")}
            {field("billingContactEmail", "Billing contact e-mail", { type: "email" })}
            {field("adminEmail", "First admin's e-mail", { type: "email", description: "Gets an invitation as client admin, sent with the organisation." })}
            <Button type="submit" loading={create.isPending}>
              Create organisation
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
