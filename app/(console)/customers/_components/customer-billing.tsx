"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CreditCard } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { formatDate } from "@/lib/utils";
import { StatusBadge } from "../../billing/_components/status-badge";
import { ExternalInvoicesTable } from "../../billing/external/_components/external-invoices-table";
import { InvoicesTable } from "../../billing/invoices/_components/invoices-table";

/** Billing state of one customer (billing admins): card and its Checkout link, app accounts, subscriptions, invoices. */
export function CustomerBilling({ id, card }: { id: string; card?: string }) {
  const trpc = useTRPC();
  const billing = useQuery(trpc.customers.billing.queryOptions({ id }));
  const [cardUrl, setCardUrl] = useState<string | null>(null);
  const checkout = useMutation(
    trpc.customers.cardCheckoutUrl.mutationOptions({
      onSuccess: (r) => setCardUrl(r.url),
      onError: (error) => toast({ title: "No card link", description: error.message, variant: "error" }),
    }),
  );
  if (billing.isLoading) return <Skeleton className="h-32 lg:col-span-3" />;
  if (!billing.data) return <Alert variant="danger" title="Billing state unavailable" className="lg:col-span-3">{billing.error?.message}</Alert>;
  const c = billing.data;

  return (
    <section aria-label="Billing" className="grid gap-4 lg:col-span-3 lg:grid-cols-3">
      {card === "saved" ? <Alert variant="success" className="lg:col-span-3">The card was saved; Stripe confirms it in a moment.</Alert> : null}
      {card === "cancelled" ? <Alert variant="warning" className="lg:col-span-3">Adding a card was cancelled.</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle as="h2">Payment method</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2 text-sm">
          {c.paymentMethodLabel ? <p>{c.paymentMethodLabel}</p> : <p className="text-muted-foreground">No card yet: invoices cannot be charged.</p>}
          {c.stripeCustomerId ? <p className="text-xs text-muted-foreground">Stripe {c.stripeCustomerId}</p> : null}
          <Button variant="outline" size="sm" className="self-start" onClick={() => checkout.mutate({ id })} loading={checkout.isPending}>
            <CreditCard aria-hidden />
            {c.paymentMethodLabel ? "Replace card" : "Add a card"}
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">App accounts</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          {c.billingAccountLinks.length === 0 ? (
            <p className="text-muted-foreground">Not linked to any source app yet.</p>
          ) : (
            <ul className="space-y-1">
              {c.billingAccountLinks.map((l) => (
                <li key={l.id} className="break-all">
                  {l.service.name}: <code className="text-xs">{l.externalId}</code>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Subscriptions</CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          {c.billingSubscriptions.length === 0 ? (
            <p className="text-muted-foreground">None.</p>
          ) : (
            <ul className="space-y-2">
              {c.billingSubscriptions.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-2">
                  <span>
                    {s.plan.name} · {s.externalId}
                  </span>
                  <StatusBadge status={s.status} />
                  <span className="text-xs text-muted-foreground">until {formatDate(s.currentPeriodEnd)}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <div className="min-w-0 space-y-3 lg:col-span-3">
        <h2 className="text-lg font-semibold">Invoices</h2>
        <InvoicesTable customerId={id} compact />
      </div>
      <div className="min-w-0 lg:col-span-3">
        <ExternalInvoicesTable customerId={id} compact />
      </div>
      <Dialog open={cardUrl !== null} onOpenChange={(open) => !open && setCardUrl(null)}>
        <DialogContent className="max-w-lg">
          <DialogHeader>
            <DialogTitle>Card link</DialogTitle>
            <DialogDescription>Send this Stripe Checkout link to the customer, or open it with them. The card is saved when they finish.</DialogDescription>
          </DialogHeader>
          <Input readOnly value={cardUrl ?? ""} aria-label="Checkout link" onFocus={(e) => e.target.select()} />
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(cardUrl ?? "")}>
              Copy
            </Button>
            <Button asChild>
              <a href={cardUrl ?? "#"}>Open Checkout</a>
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </section>
  );
}
