import type { Metadata } from "next";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { getSessionUser } from "@/server/auth/session";
import { InvoiceActions } from "../_components/invoice-actions";
import { InvoiceDocument } from "../_components/invoice-document";
import { appEnv } from "@/server/config-readers";

export const metadata: Metadata = { title: "Invoice" };

// Printing shows the invoice alone: the console's sidebar, top bar and actions are left out.
const PRINT_CSS = `@media print {
  aside, header.h-14, nav[aria-label="Billing"], [data-print="hide"] { display: none !important; }
  .min-h-dvh { display: block !important; }
  main#main { max-width: none !important; padding: 0 !important; }
}`;

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await getServerApi();
  const invoice = await api.billing.invoices.get({ id }).catch(notFoundIfMissing);
  const user = await getSessionUser();
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <InvoiceActions
        invoice={{
          id: invoice.id,
          number: invoice.number,
          status: invoice.status,
          currency: invoice.currency,
          total: invoice.total,
          amountPaid: invoice.amountPaid,
          amountCredited: invoice.amountCredited,
          amountRefunded: invoice.amountRefunded,
          subscriptionId: invoice.subscriptionId,
        }}
        paymentsUnavailable={appEnv.billing().stripeSecretKey ? null : "Stripe is not configured (STRIPE_SECRET_KEY), so payments cannot be collected"}
      />
      <InvoiceDocument invoice={invoice} issuerName={user?.organisationName ?? "Switchboard"} />
    </div>
  );
}
