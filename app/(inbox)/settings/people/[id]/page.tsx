import type { Metadata } from "next";
import Link from "next/link";
import { AccountPanel } from "@/components/people/account-panel";
import { requirePageRole } from "@/server/auth/page-guards";

export const metadata: Metadata = { title: "Person" };

/** A colleague's account, for their client admin (scoped on the server to the admin's organisation). */
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole(["CLIENT_ADMIN"]);
  const { id } = await params;
  return (
    <div className="space-y-6">
      <Link href="/settings/people" className="text-sm text-primary underline-offset-2 hover:underline">
        ← People
      </Link>
      <AccountPanel userId={id} canBlock={false} afterDeleteHref="/settings/people" />
    </div>
  );
}
