"use client";

import { useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { InboxNavLink } from "@/components/inbox/inbox-nav-link";

/** "People" in the My Tickets bar, for client admins only. */
export function PeopleNavLink() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const active = usePathname().startsWith("/settings/people");
  if (me.data?.role !== "CLIENT_ADMIN") return null;
  return <InboxNavLink href="/settings/people" icon={Users} label="People" active={active} />;
}
