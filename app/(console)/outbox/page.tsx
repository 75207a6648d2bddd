import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/server/auth/page-guards";
import { OutboxTable } from "./_components/outbox-table";
import { appEnv } from "@/server/config-readers";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const smtpConfigured = Boolean(appEnv.mail().SMTP_URL);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Outbox"
        description={
          smtpConfigured
            ? "Every e-mail Switchboard sends, with its delivery state. Failed messages are retried automatically."
            : "SMTP_URL is not set, so e-mails are kept here instead of being sent. Open one to read it."
        }
      />
      <OutboxTable smtpConfigured={smtpConfigured} />
    </div>
  );
}
