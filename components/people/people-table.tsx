"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { ROLE_LABELS, type AppRole } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import { usePeopleMutationHandlers } from "./use-people-mutation";

/** The people of one organisation: role changes, removal, and a link to each person's page. */
/** `userPathPrefix` (a string, so a server page can pass it to this client component) is followed by the person's id in each row's link. */
export function PeopleTable({ organisationId, roles, userPathPrefix }: { organisationId: string; roles: readonly AppRole[]; userPathPrefix: string }) {
  const trpc = useTRPC();
  const people = useQuery(trpc.people.members.list.queryOptions({ organisationId }));
  const roleHandlers = usePeopleMutationHandlers("Role changed");
  const removeHandlers = usePeopleMutationHandlers("Removed from the organisation");
  const changeRole = useMutation(trpc.people.members.changeRole.mutationOptions(roleHandlers));
  const remove = useMutation(trpc.people.members.remove.mutationOptions(removeHandlers));
  if (people.data?.length === 0) return <p className="text-sm text-muted-foreground">Nobody yet: invite the first person below.</p>;
  return (
    <ul className="divide-y" aria-label="People">
      {people.data?.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div className="min-w-0">
            <Link href={`${userPathPrefix}${p.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
              {p.name ?? p.email}
            </Link>
            <div className="truncate text-sm text-muted-foreground">
              {p.email} {p.disabledAt ? <Badge variant="danger">Disabled</Badge> : null}
            </div>
          </div>
          <div className="flex items-center gap-2">
            <NativeSelect
              aria-label={`Role of ${p.email}`}
              value={p.role}
              onChange={(e) => changeRole.mutate({ userId: p.id, organisationId, role: e.target.value as AppRole })}
              options={(roles.includes(p.role) ? roles : [p.role, ...roles]).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                if (window.confirm(`Remove ${p.email} from this organisation? Their history stays.`)) remove.mutate({ userId: p.id, organisationId });
              }}
            >
              Remove
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
