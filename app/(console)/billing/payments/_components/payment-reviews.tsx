"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

/** Succeeded Stripe payments that did not match their invoice; shown only when there are any. */
export function PaymentReviews() {
  const trpc = useTRPC();
  const reviews = useQuery(trpc.billing.payments.reviews.queryOptions());
  const rows = reviews.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Alert variant="warning" title={`${rows.length} payment${rows.length === 1 ? "" : "s"} held for review`}>
      <p className="mb-2">Stripe reported these as paid, but the currency or amount does not match the invoice, so the invoice was not marked paid.</p>
      <ul className="space-y-1" aria-label="Payments held for review">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap gap-x-2">
            <Link href={`/billing/invoices/${r.invoice.id}`} className="font-medium underline underline-offset-2">
              {r.invoice.number ?? "Draft"}
            </Link>
            <span>{r.invoice.customer.name}:</span>
            <span>{r.reason}</span>
            <code className="text-xs">{r.stripePaymentIntentId}</code>
            <span className="text-xs">{formatDateTime(r.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
