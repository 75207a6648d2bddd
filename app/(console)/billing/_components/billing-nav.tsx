"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/billing", label: "Overview" },
  { href: "/billing/invoices", label: "Invoices" },
  { href: "/billing/external", label: "External (Ascora)" },
  { href: "/billing/subscriptions", label: "Subscriptions" },
  { href: "/customers", label: "Customers" },
  { href: "/billing/plans", label: "Plans" },
  { href: "/billing/metrics", label: "Metrics" },
  { href: "/billing/payments", label: "Payments" },
  { href: "/billing/credit-notes", label: "Credit notes" },
  { href: "/billing/services", label: "Services" },
  { href: "/billing/webhooks", label: "Webhooks" },
  { href: "/billing/migration", label: "Migration" },
] as const;

/** The billing section's tabs; scrolls sideways on phones. */
export function BillingNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Billing" className="-mx-1 overflow-x-auto print:hidden">
      <ul className="flex min-w-max gap-1 border-b border-border px-1">
        {LINKS.map((link) => {
          const active = link.href === "/billing" ? pathname === "/billing" : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
