import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";

/**
 * One link of the My Tickets bar. Below 640 px only the icon shows (the label
 * stays for screen readers) so the whole bar fits one row on a phone.
 */
export function InboxNavLink({
  href,
  icon: Icon,
  label,
  active,
  children,
}: {
  href: string;
  icon: LucideIcon;
  label: string;
  active: boolean;
  /** Extra content after the label, e.g. a count badge. */
  children?: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      title={label}
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring sm:px-3",
        active && "bg-muted",
      )}
    >
      <Icon className="size-4" aria-hidden />
      <span className="sr-only sm:not-sr-only">{label}</span>
      {children}
    </Link>
  );
}
