"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CreditCard } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { formatDate } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf } from "../../_components/form-errors";
import { StatusBadge } from "../../_components/status-badge";
import { InvoicesTable } from "../../invoices/_components/invoices-table";
import { CustomerForm } from "./customer-form";

export function CustomerDetail({ customerId, card }: { customerId: string; card?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const customer = useQuery(trpc.billing.customers.get.queryOptions({ id: customerId }));
  const [editing, setEditing] = useState(false);
  const [cardUrl, setCardUrl] = useState<string | null>(null);
  const update = useMutation(
    trpc.billing.customers.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Customer saved", variant: "success" });
        setEditing(false);
        void queryClient.invalidateQueries({ queryKey: trpc.billing.customers.pathKey() });
      },
    }),
  );
  const checkout = useMutation(
    trpc.billing.customers.checkoutUrl.mutationOptions({
      onSuccess: (r) => setCardUrl(r.url),
      onError: (error) => toast({ title: "No card link", description: error.message, variant: "error" }),
    }),
  );
  if (customer.isLoading) return <Skeleton className="h-64 w-full" />;
  if (!customer.data) return <Alert variant="danger" title="Customer not found">{customer.error?.message}</Alert>;
  const c = customer.data;
  const server = fieldErrorsOf(update.error);

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/billing/customers">Customers</Link>}
        title={c.name}
        description={[c.email, `tax ${c.taxRatePercent}%`, c.taxId ? `tax id ${c.taxId}` : null].filter(Boolean).join(" · ")}
        actions={
          <>
            <Button variant="outline" onClick={() => { update.reset(); setEditing(true); }}>
              Edit
            </Button>
            <Button onClick={() => checkout.mutate({ id: c.id })} loading={checkout.isPending}>
              <CreditCard aria-hidden />
              {c.paymentMethodLabel ? "Replace card" : "Add a card"}
            </Button>
          </>
        }
      />
      {card === "saved" ? <Alert variant="success">The card was saved; Stripe confirms it in a moment.</Alert> : null}
      {card === "cancelled" ? <Alert variant="warning">Adding a card was cancelled.</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Payment method</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {c.paymentMethodLabel ? <p>{c.paymentMethodLabel}</p> : <p className="text-muted-foreground">No card yet: invoices cannot be charged.</p>}
            {c.stripeCustomerId ? <p className="mt-1 text-xs text-muted-foreground">Stripe {c.stripeCustomerId}</p> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>App accounts</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {c.billingAccountLinks.length === 0 ? (
              <p className="text-muted-foreground">Not linked to any source app yet.</p>
            ) : (
              <ul className="space-y-1">
                {c.billingAccountLinks.map((l) => (
                  <li key={l.id}>
                    {l.service.name}: <code className="text-xs">{l.externalId}</code>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Subscriptions</CardTitle>
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
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Invoices</h2>
        <InvoicesTable customerId={c.id} compact />
      </section>

      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
          <DialogHeader>
            <DialogTitle>Edit customer</DialogTitle>
            <DialogDescription>Issued invoices keep the address they were issued with.</DialogDescription>
          </DialogHeader>
          <CustomerForm
            initial={{
              kind: c.kind,
              name: c.name,
              email: c.email ?? "",
              phone: c.phone ?? "",
              addressLine1: c.addressLine1 ?? "",
              addressLine2: c.addressLine2 ?? "",
              city: c.city ?? "",
              region: c.region ?? "",
              postalCode: c.postalCode ?? "",
              country: c.country ?? "",
              taxId: c.taxId ?? "",
              taxRatePercent: c.taxRatePercent,
            }}
            submitLabel="Save customer"
            pending={update.isPending}
            serverErrors={server.fields}
            serverMessage={server.message}
            onSubmit={(data) => update.mutate({ id: c.id, data })}
            onCancel={() => setEditing(false)}
          />
        </DialogContent>
      </Dialog>
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
    </>
  );
}
