import type { Metadata } from "next";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { LOGIN_GROUP_BY, type LoginGroupBy } from "@/lib/validators/audit";
import { requirePageRole } from "@/server/auth/page-guards";
import { db } from "@/server/db";
import { filtersFromSearchParams } from "./_components/event-filters";
import { LoginChart } from "./_components/login-chart";
import { LoginEventsView } from "./_components/login-events-view";

export const metadata: Metadata = { title: "Login events" };

export default async function LoginEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const params = await searchParams;
  const initial = filtersFromSearchParams(params);
  const group = typeof params.group === "string" && (LOGIN_GROUP_BY as readonly string[]).includes(params.group) ? (params.group as LoginGroupBy) : "";
  const user = initial.userId ? await db.user.findUnique({ where: { id: initial.userId }, select: { email: true } }) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Login audit"
        description="Every sign-in attempt, link request and sign-out, with its address and device. Rows cannot be changed; they are deleted only by the retention setting."
      />
      <AuditTabs current="/audit" />
      <LoginChart />
      <LoginEventsView initial={initial} initialGroup={group} userLabel={user?.email ?? null} />
    </div>
  );
}
