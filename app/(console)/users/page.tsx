import type { Metadata } from "next";
import { InviteForm } from "@/components/people/invite-form";
import { PendingInvitations } from "@/components/people/pending-invitations";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

const PROVIDER_ROLES = ["PROVIDER_ADMIN", "AGENT"] as const;

export default async function UsersPage() {
  const user = await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Every account of the provider and its clients, with their sign-ins. Open one to see its sign-in history and account actions." />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Invite provider staff</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          <InviteForm organisationId={user.organisationId} roles={PROVIDER_ROLES} offerCrmUser />
          <h3 className="pt-2 text-sm font-semibold">Pending invitations</h3>
          <PendingInvitations organisationId={user.organisationId} />
        </CardContent>
      </Card>
      <UsersTable />
    </div>
  );
}
