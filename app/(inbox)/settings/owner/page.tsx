import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/page-guards";
import { OwnerContactSettings } from "./_components/owner-contact-settings";

export const metadata: Metadata = { title: "Owner contact" };

/** My Tickets → Owner contact: the client admin names who approves work; client users can read it. */
export default async function OwnerContactPage() {
  const user = await requirePageRole(["CLIENT_ADMIN", "CLIENT_USER"]);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Owner contact</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          Used when our support team asks for approval of a feature or fix that needs sign-off from the person in charge at{" "}
          {user.organisationName}. The owner gets an e-mail with approve and reject buttons; no account needed. Leave both fields blank if you
          do not want approval requests.
        </p>
      </header>
      <OwnerContactSettings canEdit={user.role === "CLIENT_ADMIN"} />
    </div>
  );
}
