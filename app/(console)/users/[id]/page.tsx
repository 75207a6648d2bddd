import type { Metadata } from "next";
import Link from "next/link";
import { placeOf } from "@/components/audit/labels";
import { LoginEventsTable } from "@/components/audit/login-events-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { AccountPanel } from "@/components/people/account-panel";
import { CrmStaffCard } from "@/components/people/crm-staff-card";
import { MoveMembershipForm } from "@/components/people/move-membership-form";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const { id } = await params;
  const api = await getServerApi();
  const summary = await api.audit.users.get({ id }).catch(notFoundIfMissing);
  const { user, signInCount, failureCount, lastSuccess, recent } = summary;
  const historyHref = `/audit?userId=${encodeURIComponent(user.id)}`;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/users" className="text-primary underline-offset-2 hover:underline">
            ← Users
          </Link>
        }
        title={user.name ?? user.email}
        description={user.email}
      >
        <div className="flex flex-wrap gap-1 pt-1">
          {user.memberships.map((m) => (
            <Badge key={m.organisation.id} variant="outline">
              {ROLE_LABELS[m.role]} · {m.organisation.label}
            </Badge>
          ))}
          {user.disabledAt ? <Badge variant="danger">Disabled since {formatDateTime(user.disabledAt)}</Badge> : null}
        </div>
      </PageHeader>

      <AccountPanel userId={user.id} canBlock afterDeleteHref="/users" />

      <div className="grid gap-4 lg:grid-cols-2">
        <CrmStaffCard userId={user.id} email={user.email} />
        <MoveMembershipForm userId={user.id} />
      </div>

      <section aria-labelledby="sign-in-activity" className="space-y-4">
        <h2 id="sign-in-activity" className="text-lg font-semibold">
          Sign-in activity
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard label="Sign-ins" value={formatNumber(signInCount)} hint="successful, all recorded time" data-testid="user-sign-in-count" />
          <StatCard
            label="Last successful sign-in"
            value={<span className="text-base">{lastSuccess ? formatDateTime(lastSuccess.occurredAt) : "Never"}</span>}
            hint={lastSuccess ? `from ${lastSuccess.ip}${lastSuccess.countryCode ? ` (${placeOf({ ...lastSuccess, geoState: "DONE" })})` : ""}` : undefined}
            data-testid="user-last-sign-in"
          />
          <StatCard label="Failed sign-ins" value={formatNumber(failureCount)} hint="all recorded time" />
        </div>
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
            <CardTitle>Latest {recent.length === 30 ? "30 " : ""}events</CardTitle>
            <Link href={historyHref} className="text-sm text-primary underline-offset-2 hover:underline">
              View full history →
            </Link>
          </CardHeader>
          <CardContent>
            <LoginEventsTable
              label={`Latest sign-in events of ${user.email}`}
              rows={recent}
              hideUser
              emptyTitle="No sign-in events yet"
              emptyDescription="Attempts by this user appear here as they happen."
            />
          </CardContent>
        </Card>
      </section>
    </div>
  );
}
