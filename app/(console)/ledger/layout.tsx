import { requirePageRole } from "@/server/auth/page-guards";

/** The ledger is the provider's books: provider admins only. */
export default async function LedgerLayout({ children }: { children: React.ReactNode }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  return <div className="space-y-6">{children}</div>;
}
