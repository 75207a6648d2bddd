"use client";

import { useQuery } from "@tanstack/react-query";
import { Clock, FileSignature, Inbox, Plus } from "lucide-react";
import { usePathname } from "next/navigation";
import { InboxNavLink } from "@/components/inbox/inbox-nav-link";
import { OwnerContactNavLink } from "@/components/approvals";
import { PeopleNavLink } from "@/components/people/people-nav-link";
import { useTRPC } from "@/lib/trpc/react";

/** My Tickets / New ticket, with the unread badge (refreshed every minute and on focus). */
export function InboxNav({ showApplications = false }: { showApplications?: boolean }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const unread = useQuery({ ...trpc.helpdesk.inbox.unreadCount.queryOptions({ scope: "mine" }), refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  const applicationsActive = pathname.startsWith("/my-tickets/applications");
  const hourCardsActive = pathname.startsWith("/my-tickets/hour-cards");
  const listActive =
    pathname === "/my-tickets" || (pathname.startsWith("/my-tickets/") && pathname !== "/my-tickets/new" && !applicationsActive && !hourCardsActive);
  return (
    <nav aria-label="My Tickets" className="flex min-w-0 items-center gap-0.5 sm:order-last sm:basis-full sm:flex-wrap sm:gap-1">
      <InboxNavLink href="/my-tickets" icon={Inbox} label="My Tickets" active={listActive}>
        {count > 0 ? (
          <span
            data-testid="unread-badge"
            className="ml-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground"
          >
            {count}
            <span className="sr-only"> with unread replies</span>
          </span>
        ) : null}
      </InboxNavLink>
      <InboxNavLink href="/my-tickets/new" icon={Plus} label="New ticket" active={pathname === "/my-tickets/new"} />
      {showApplications ? <InboxNavLink href="/my-tickets/applications" icon={FileSignature} label="Applications" active={applicationsActive} /> : null}
      {showApplications ? <InboxNavLink href="/my-tickets/hour-cards" icon={Clock} label="Hour cards" active={hourCardsActive} /> : null}
      <OwnerContactNavLink />
      <PeopleNavLink />
    </nav>
  );
}
