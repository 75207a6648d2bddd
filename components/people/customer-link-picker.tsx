"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";
import { usePeopleMutationHandlers } from "./use-people-mutation";

const SHOWN = 8;

/**
 * Links a client organisation to its customer record: search the customers
 * by name, e-mail, phone or tax id (the customers listing procedure) and pick
 * one; or unlink. A record linked to another organisation is refused by the
 * server with its label.
 */
export function CustomerLinkPicker({ organisationId, linked }: { organisationId: string; linked: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const results = useQuery({ ...trpc.customers.list.queryOptions({ search: query || undefined, page: 1, pageSize: SHOWN }), enabled: open });
  const h = usePeopleMutationHandlers("Customer record updated");
  const link = useMutation(trpc.people.organisations.linkCustomer.mutationOptions({ ...h, onSuccess: () => (h.onSuccess(), setOpen(false), setSearch("")) }));
  const resultsId = `customer-results-${organisationId}`;

  return (
    <div className="space-y-2" data-testid="customer-link">
      <p>
        Customer record:{" "}
        {linked.length
          ? linked.map((c) => (
              <Link key={c.id} href={`/customers/${c.id}`} className="text-primary underline-offset-2 hover:underline">
                {c.name}
              </Link>
            ))
          : "none linked"}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" aria-expanded={open} aria-controls={open ? resultsId : undefined} onClick={() => setOpen(!open)}>
          {linked.length ? "Change customer record" : "Link customer record"}
        </Button>
        {linked.length ? (
          <Button size="sm" variant="ghost" loading={link.isPending && link.variables?.customerId === null} onClick={() => link.mutate({ id: organisationId, customerId: null })}>
            Unlink
          </Button>
        ) : null}
      </div>
      {open ? (
        <div className="space-y-2 rounded-md border p-3">
          <FormField label="Find the customer" description="Name, e-mail, phone or tax id" error={h.errors.customerId}>
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} autoFocus />
          </FormField>
          <ul id={resultsId} aria-label="Matching customers" aria-busy={results.isFetching} className="divide-y">
            {results.data?.rows.length === 0 ? <li className="py-2 text-muted-foreground">No customer matches “{query}”.</li> : null}
            {(results.data?.rows ?? []).map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="font-medium">{c.name}</span>
                  {c.email ? <span className="block truncate text-xs text-muted-foreground">{c.email}</span> : null}
                </span>
                <Button size="sm" variant="outline" loading={link.isPending && link.variables?.customerId === c.id} onClick={() => link.mutate({ id: organisationId, customerId: c.id })}>
                  Link {c.name}
                </Button>
              </li>
            ))}
          </ul>
          {results.data && results.data.total > SHOWN ? (
            <p className="text-xs text-muted-foreground">
              Showing {SHOWN} of {results.data.total}; type more to narrow.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
