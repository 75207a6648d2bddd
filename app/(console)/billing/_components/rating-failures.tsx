"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

/**
 * Subscriptions the rating runs could not rate. Every other subscription was
 * still rated; each row says why this one was not and clears once it rates.
 */
export function RatingFailures() {
  const trpc = useTRPC();
  const failures = useQuery(trpc.billing.dashboard.ratingFailures.queryOptions());
  const rows = failures.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Alert variant="danger" title={`${rows.length} subscription(s) could not be rated`}>
      <p>The others were rated as usual. Fix the cause, then run rating again.</p>
      <ul className="mt-2 space-y-2" aria-label="Subscriptions that could not be rated">
        {rows.map((r) => (
          <li key={r.subscriptionId} className="break-words">
            <span className="font-medium">Subscription {r.externalId ?? r.subscriptionId}</span>
            {r.customerName ? ` (${r.customerName})` : ""}: {r.message}{" "}
            <span className="text-muted-foreground">
              {r.stage === "close" ? "Closing the period" : "Rating the running period"} failed {r.failures} time(s), last{" "}
              {formatDateTime(r.lastFailedAt)}.
            </span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
