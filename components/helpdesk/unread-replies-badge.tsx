"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";

/**
 * The in-app half of "customer replied": how many of my tickets carry a
 * customer reply I have not opened. Polls once a minute; hidden at zero.
 */
export function UnreadRepliesBadge() {
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.helpdesk.queue.unreadCount.queryOptions(), refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="unread-replies-badge"
      className="ml-auto rounded-full bg-primary px-2 py-0.5 text-xs font-semibold text-primary-foreground tabular-nums"
    >
      {count > 99 ? "99+" : count}
      <span className="sr-only"> {count === 1 ? "ticket" : "tickets"} with an unread customer reply</span>
    </span>
  );
}
