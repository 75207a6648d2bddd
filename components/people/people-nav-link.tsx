"use client";

import { useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

/** "People" in the My Tickets bar, for client admins only. */
export function PeopleNavLink() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const active = usePathname().startsWith("/settings/people");
  if (me.data?.role !== "CLIENT_ADMIN") return null;
  return (
    <Link
      href="/settings/people"
      aria-current={active ? "page" : undefined}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring",
        active && "bg-muted",
      )}
    >
      <Users className="size-4" aria-hidden />
      People
    </Link>
  );
}
