"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSignature, Inbox, Plus } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { OwnerContactNavLink } from "@/components/approvals";
import { PeopleNavLink } from "@/components/people/people-nav-link";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

/** My Tickets / New ticket, with the unread badge (refreshed every minute and on focus). */
export function InboxNav({ showApplications = false }: { showApplications?: boolean }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const unread = useQuery({ ...trpc.helpdesk.inbox.unreadCount.queryOptions({ scope: "mine" }), refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  const link = (href: string, active: boolean) =>
    cn(
      "inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring",
      active && "bg-muted",
    );
  const applicationsActive = pathname.startsWith("/my-tickets/applications");
  const listActive = pathname === "/my-tickets" || (pathname.startsWith("/my-tickets/") && pathname !== "/my-tickets/new" && !applicationsActive);
  return (
    <nav aria-label="My Tickets" className="flex min-w-0 items-center gap-0.5 sm:gap-1">
      <Link href="/my-tickets" className={link("/my-tickets", listActive)} aria-current={listActive ? "page" : undefined}>
        <Inbox className="size-4" aria-hidden />
        <span className="sr-only sm:not-sr-only">My Tickets</span>
        {count > 0 ? (
          <span
            data-testid="unread-badge"
            className="ml-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground"
          >
            {count}
            <span className="sr-only"> with unread replies</span>
          </span>
        ) : null}
      </Link>
      <Link href="/my-tickets/new" className={link("/my-tickets/new", pathname === "/my-tickets/new")} aria-current={pathname === "/my-tickets/new" ? "page" : undefined}>
        <Plus className="size-4" aria-hidden />
        <span className="sr-only sm:not-sr-only">New ticket</span>
      </Link>
      {showApplications ? (
        <Link href="/my-tickets/applications" className={link("/my-tickets/applications", applicationsActive)} aria-current={applicationsActive ? "page" : undefined}>
          <FileSignature className="size-4" aria-hidden />
          Applications
        </Link>
      ) : null}
      <OwnerContactNavLink />
      <PeopleNavLink />
    </nav>
  );
}
