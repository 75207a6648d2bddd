"use client";

import { UserCheck } from "lucide-react";
import { usePathname } from "next/navigation";
import { InboxNavLink } from "@/components/inbox/inbox-nav-link";

export const OWNER_CONTACT_PATH = "/settings/owner";

/** "Owner contact" in the My Tickets navigation. */
export function OwnerContactNavLink() {
  const active = usePathname() === OWNER_CONTACT_PATH;
  return <InboxNavLink href={OWNER_CONTACT_PATH} icon={UserCheck} label="Owner contact" active={active} />;
}
