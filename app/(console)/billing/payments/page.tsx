import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PaymentReviews } from "./_components/payment-reviews";
import { PaymentsTable } from "./_components/payments-table";

export const metadata: Metadata = { title: "Payments" };

export default function PaymentsPage() {
  return (
    <>
      <PageHeader title="Payments" description="Every charge attempt on an invoice through Stripe, including failed ones retried by dunning." />
      <div className="space-y-4">
        <PaymentReviews />
        <PaymentsTable />
      </div>
    </>
  );
}
