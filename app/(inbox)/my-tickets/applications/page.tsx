import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApplicationsList } from "@/components/applications/applications-list";

export const metadata: Metadata = { title: "Applications" };

/** My Tickets → Applications: the organisation's applications and their statuses, read-only (client admins). */
export default async function InboxApplicationsPage() {
  await requirePageRole(["CLIENT_ADMIN"]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Applications</h1>
        <p className="text-sm text-muted-foreground">Funding applications our team handles for your organisation, and where each one stands.</p>
      </div>
      <ApplicationsList scope="inbox" />
    </div>
  );
}
