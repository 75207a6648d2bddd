import { requirePageRole } from "@/server/auth/page-guards";
import { BillingNav } from "./_components/billing-nav";

/** Billing is for provider admins: every page under /billing shares the section's navigation. */
export default async function BillingLayout({ children }: { children: React.ReactNode }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return (
    <div className="space-y-6">
      <BillingNav />
      {children}
    </div>
  );
}
