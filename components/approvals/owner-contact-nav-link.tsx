"use client";

import { UserCheck } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export const OWNER_CONTACT_PATH = "/settings/owner";

/** "Owner contact" in the My Tickets navigation. */
export function OwnerContactNavLink() {
  const active = usePathname() === OWNER_CONTACT_PATH;
  return (
    <Link
      href={OWNER_CONTACT_PATH}
      aria-current={active ? "page" : undefined}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring",
        active && "bg-muted",
      )}
    >
      <UserCheck className="size-4" aria-hidden />
      <span className="sr-only sm:not-sr-only">Owner contact</span>
    </Link>
  );
}
