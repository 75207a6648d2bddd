import { forbidden, redirect } from "next/navigation";
import { ConsoleShell } from "@/components/console/console-shell";
import { navItemsFor } from "@/components/console/nav-items";
import { SchedulesPausedBanner } from "@/components/console/schedules-paused-banner";
import { UserMenu } from "@/components/console/user-menu";
import { isProviderRole, ROLE_LABELS } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";

/** The provider's console: signed-in provider staff only; client staff get a 403. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!isProviderRole(user.role)) forbidden();
  return (
    <ConsoleShell
      items={navItemsFor(user.role)}
      userMenu={
        <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} organisationLabel={user.organisationLabel} />
      }
    >
      <SchedulesPausedBanner />
      {children}
    </ConsoleShell>
  );
}
