import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/audit", label: "Login events" },
  { href: "/audit/failures", label: "Failures (24 h)" },
  { href: "/audit/settings", label: "Settings" },
] as const;

/** The audit section's sub-navigation. */
export function AuditTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Audit views" className="-mt-2 mb-6 border-b">
      <ul className="flex gap-1 overflow-x-auto">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.href === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                tab.href === current && "border-primary text-foreground",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
