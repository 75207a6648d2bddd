import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/approvals", label: "Overview" },
  { href: "/approvals/settings", label: "Settings & owner contacts" },
] as const;

/** Links between the Approvals pages (real links, so each page has its own URL). */
export function ApprovalsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Approvals pages" className="inline-flex max-w-full gap-1 overflow-x-auto rounded-lg bg-muted p-1">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn(
            "inline-flex h-8 shrink-0 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
            tab.href === current && "bg-background text-foreground shadow-xs",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
