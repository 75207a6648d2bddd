import type { Metadata } from "next";
import { InviteForm } from "@/components/people/invite-form";
import { PendingInvitations } from "@/components/people/pending-invitations";
import { PeopleTable } from "@/components/people/people-table";
import { requirePageRole } from "@/server/auth/page-guards";

export const metadata: Metadata = { title: "People" };

const CLIENT_ROLES = ["CLIENT_ADMIN", "CLIENT_USER"] as const;

/** My Tickets → People: a client admin invites and manages their own organisation's staff. */
export default async function PeoplePage() {
  const user = await requirePageRole(["CLIENT_ADMIN"]);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">People at {user.organisationName}</h1>
        <p className="max-w-prose text-sm text-muted-foreground">Invite colleagues, change their roles, and manage their accounts.</p>
      </header>
      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          People
        </h2>
        <PeopleTable organisationId={user.organisationId} roles={CLIENT_ROLES} userPathPrefix="/settings/people/" />
      </section>
      <section aria-labelledby="invite-heading" className="space-y-3">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite a colleague
        </h2>
        <InviteForm organisationId={user.organisationId} roles={CLIENT_ROLES} />
        <h3 className="pt-2 text-sm font-semibold">Pending invitations</h3>
        <PendingInvitations organisationId={user.organisationId} />
      </section>
    </div>
  );
}
