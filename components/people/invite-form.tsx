"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ROLE_LABELS, type AppRole } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import { usePeopleMutationHandlers } from "./use-people-mutation";

/**
 * Invite someone to an organisation with one of the roles the inviter may
 * give. For provider staff (`offerCrmUser`) it offers "Create CRM user",
 * checked by default while a CRM connection syncs staff accounts.
 */
export function InviteForm({ organisationId, roles, offerCrmUser = false }: { organisationId: string; roles: readonly AppRole[]; offerCrmUser?: boolean }) {
  const trpc = useTRPC();
  const crmConnections = useQuery({ ...trpc.crm.staff.connections.queryOptions(), enabled: offerCrmUser });
  const crmNames = (crmConnections.data ?? []).map((c) => c.name).join(", ");
  const [skipCrmUser, setSkipCrmUser] = useState(false);
  const createCrmUser = offerCrmUser && Boolean(crmNames) && !skipCrmUser;
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AppRole>(roles[roles.length - 1] ?? "CLIENT_USER");
  const handlers = usePeopleMutationHandlers("Invitation sent");
  const invite = useMutation(trpc.people.invitations.create.mutationOptions({ ...handlers, onSuccess: () => (setEmail(""), handlers.onSuccess()) }));
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate({ organisationId, email, role, createCrmUser });
      }}
    >
      <FormField label="E-mail" required error={handlers.errors.email} className="min-w-56 flex-1">
        <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </FormField>
      <FormField label="Role" error={handlers.errors.role}>
        <NativeSelect value={role} onChange={(e) => setRole(e.target.value as AppRole)} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      </FormField>
      {offerCrmUser && crmNames ? (
        <FormField label={`Create CRM user (${crmNames})`} layout="inline" description="Queued when they accept, with the password they choose.">
          <Checkbox checked={!skipCrmUser} onCheckedChange={(v) => setSkipCrmUser(v !== true)} />
        </FormField>
      ) : null}
      <Button type="submit" loading={invite.isPending}>
        Send invitation
      </Button>
    </form>
  );
}
