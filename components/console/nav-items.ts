import type { AppRole } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  /** lucide-react icon name, resolved in the sidebar. */
  icon: "LayoutDashboard" | "Mail" | "Ticket" | "CheckCircle" | "Users" | "Plug" | "Receipt" | "ShieldCheck" | "Settings" | "Building" | "Activity" | "FileSignature";
  /** Roles that see the item; provider staff by default. */
  roles?: readonly AppRole[];
}

/** The console's sections, in sidebar order. Feature areas add their entries here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "LayoutDashboard" },
  { href: "/tickets", label: "Tickets", icon: "Ticket" },
  { href: "/approvals", label: "Approvals", icon: "CheckCircle" },
  { href: "/applications", label: "Applications", icon: "FileSignature" },
  { href: "/customers", label: "Customers", icon: "Building" },
  { href: "/hour-cards", label: "Hour cards", icon: "Activity" },
  { href: "/integrations", label: "Integrations", icon: "Plug" },
  { href: "/contract-migration", label: "Contract migration", icon: "FileSignature", roles: ["PROVIDER_ADMIN"] },
  { href: "/billing", label: "Billing", icon: "Receipt", roles: ["PROVIDER_ADMIN"] },
  { href: "/ledger", label: "Ledger", icon: "Receipt", roles: ["PROVIDER_ADMIN"] },
  { href: "/outbox", label: "Outbox", icon: "Mail", roles: ["PROVIDER_ADMIN"] },
  { href: "/organisations", label: "Organisations", icon: "Building", roles: ["PROVIDER_ADMIN"] },
  { href: "/users", label: "Users", icon: "Users", roles: ["PROVIDER_ADMIN"] },
  { href: "/audit", label: "Audit", icon: "ShieldCheck", roles: ["PROVIDER_ADMIN"] },
  { href: "/settings/helpdesk", label: "Helpdesk settings", icon: "Settings", roles: ["PROVIDER_ADMIN"] },
  { href: "/status", label: "System status", icon: "Activity", roles: ["PROVIDER_ADMIN"] },
];

export function navItemsFor(role: AppRole): NavItem[] {
  return NAV_ITEMS.filter((item) => (item.roles ?? ["PROVIDER_ADMIN", "AGENT"]).includes(role));
}
