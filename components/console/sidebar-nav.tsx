"use client";

import {
  Activity, Building, CheckCircle, FileSignature, LayoutDashboard, Mail, Plug, Receipt, Settings, ShieldCheck, Ticket, Users, type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { UnreadRepliesBadge } from "@/components/helpdesk/unread-replies-badge";
import { cn } from "@/lib/utils";
import type { NavItem } from "./nav-items";

const ICONS: Record<NavItem["icon"], LucideIcon> = {
  LayoutDashboard, Mail, Ticket, CheckCircle, Users, Plug, Receipt, ShieldCheck, Settings, Building, Activity, FileSignature,
};

/** The section links; the current one is marked for eyes and screen readers. */
export function SidebarNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console sections">
      <ul className="space-y-1">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-primary-subtle text-primary-subtle-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {item.label}
                {item.href === "/tickets" ? <UnreadRepliesBadge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
