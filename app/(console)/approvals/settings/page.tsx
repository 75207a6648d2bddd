import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { ApprovalsTabs } from "../_components/approvals-tabs";
import { OwnerContactsEditor } from "../_components/owner-contacts-editor";
import { ReminderSettingsForm } from "../_components/reminder-settings-form";

export const metadata: Metadata = { title: "Approval settings" };

export default async function ApprovalSettingsPage() {
  const user = await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const canEdit = user.role === "PROVIDER_ADMIN";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Approval settings"
        description={canEdit ? "When reminders go out, and who each client's owner is." : "When reminders go out, and who each client's owner is. Only provider admins can change these."}
      />
      <ApprovalsTabs current="/approvals/settings" />
      <ReminderSettingsForm canEdit={canEdit} />
      <OwnerContactsEditor canEdit={canEdit} />
    </div>
  );
}
