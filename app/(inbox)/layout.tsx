import { forbidden, redirect } from "next/navigation";
import { UserMenu } from "@/components/console/user-menu";
import { isClientRole, ROLE_LABELS } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { InboxNav } from "./_components/inbox-nav";

/** My Tickets: client staff only, in a small shell of its own (no console navigation). */
export default async function InboxLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!isClientRole(user.role)) forbidden();
  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-border bg-background">
        {/* One row on a phone (icon links). From 640 px the links carry labels and take a row of
            their own, so a client admin's five links never slide under the user menu. */}
        <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-2 sm:gap-x-4 sm:py-3">
          <div className="flex shrink-0 items-baseline gap-2">
            <span className="font-bold text-primary">Switchboard</span>
            <span className="hidden text-sm text-muted-foreground sm:inline">Support · {user.organisationLabel}</span>
          </div>
          <InboxNav showApplications={user.role === "CLIENT_ADMIN"} />
          <div className="ml-auto shrink-0">
            <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} organisationLabel={user.organisationLabel} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl p-4 md:p-6">
        {children}
      </main>
    </div>
  );
}
