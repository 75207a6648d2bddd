"use client";

import { useMutation } from "@tanstack/react-query";
import Decimal from "decimal.js";
import { Printer } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { formatMoney } from "@/lib/utils";
import { creditNoteSchema } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf, issuesByPath } from "../../_components/form-errors";

interface InvoiceSummary {
  id: string;
  number: string | null;
  status: string;
  currency: string;
  total: string;
  amountPaid: string;
  amountCredited: string;
  amountRefunded: string;
  subscriptionId: string | null;
}

/** The invoice page's actions: print, re-rate a draft, retry payment, void, credit. */
/** `paymentsUnavailable`: why no payment can be collected (Stripe not configured), or null. */
export function InvoiceActions({ invoice, paymentsUnavailable = null }: { invoice: InvoiceSummary; paymentsUnavailable?: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [crediting, setCrediting] = useState(false);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const after = (title: string, description?: string) => {
    toast({ title, description, variant: "success" });
    router.refresh();
  };
  const onError = (title: string) => (error: { message: string }) => toast({ title, description: error.message, variant: "error" });
  const rate = useMutation(trpc.billing.invoices.runRating.mutationOptions({ onSuccess: () => after("Draft re-rated"), onError: onError("Rating failed") }));
  const retry = useMutation(
    trpc.billing.invoices.retryPayment.mutationOptions({
      onSuccess: (r) => (r.status === "succeeded" ? after("Payment collected") : (toast({ title: `Payment ${r.status}`, description: "reason" in r ? r.reason : undefined, variant: r.status === "failed" ? "error" : "default" }), router.refresh())),
      onError: onError("Could not charge"),
    }),
  );
  const voidIt = useMutation(trpc.billing.invoices.void.mutationOptions({ onSuccess: () => after("Invoice voided"), onError: onError("Could not void") }));
  const credit = useMutation(
    trpc.billing.payments.createCreditNote.mutationOptions({
      onSuccess: (note) => {
        setCrediting(false);
        after(`Credit note ${note.number} issued`);
      },
    }),
  );
  const server = fieldErrorsOf(credit.error);
  const creditable = Decimal.max(new Decimal(invoice.total).minus(invoice.amountCredited).minus(invoice.amountRefunded), 0).toFixed(2);
  const open = invoice.status === "open" || invoice.status === "uncollectible";

  function submitCredit(event: React.FormEvent) {
    event.preventDefault();
    const input = { invoiceId: invoice.id, amount: amount || undefined, reason };
    const parsed = creditNoteSchema.safeParse(input);
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues));
    setErrors({});
    credit.mutate(input);
  }

  return (
    <div data-print="hide" className="flex flex-wrap items-center gap-2">
      <Button asChild variant="ghost" size="sm">
        <Link href="/billing/invoices">← Invoices</Link>
      </Button>
      <span className="flex-1" />
      {invoice.status === "draft" && invoice.subscriptionId ? (
        <Button variant="outline" loading={rate.isPending} onClick={() => rate.mutate({ subscriptionId: invoice.subscriptionId! })}>
          Re-rate draft
        </Button>
      ) : null}
      {open && paymentsUnavailable ? (
        <>
          <Button variant="outline" disabled aria-describedby="retry-unavailable">
            Retry payment
          </Button>
          <span id="retry-unavailable" className="w-full text-sm text-muted-foreground sm:order-last">
            {paymentsUnavailable}
          </span>
        </>
      ) : open ? (
        <Button variant="outline" loading={retry.isPending} onClick={() => retry.mutate({ id: invoice.id })}>
          Retry payment
        </Button>
      ) : null}
      {open && new Decimal(invoice.amountPaid).isZero() ? (
        <Button variant="outline" loading={voidIt.isPending} onClick={() => voidIt.mutate({ id: invoice.id })}>
          Void
        </Button>
      ) : null}
      {invoice.status !== "draft" && invoice.status !== "void" && new Decimal(creditable).greaterThan(0) ? (
        <Button variant="outline" onClick={() => { credit.reset(); setCrediting(true); }}>
          Credit note
        </Button>
      ) : null}
      <Button onClick={() => window.print()}>
        <Printer aria-hidden />
        Print
      </Button>
      <Dialog open={crediting} onOpenChange={setCrediting}>
        <DialogContent className="max-w-md">
          <DialogHeader>
            <DialogTitle>Credit invoice {invoice.number}</DialogTitle>
            <DialogDescription>
              Up to {formatMoney(creditable, invoice.currency)}, tax included. What is still owed is reduced first; the rest is refunded to the card.
            </DialogDescription>
          </DialogHeader>
          <form onSubmit={submitCredit} noValidate className="grid gap-4">
            {server.message && Object.keys(server.fields).length === 0 ? <Alert variant="danger">{server.message}</Alert> : null}
            <FormField label="Amount" error={errors.amount ?? server.fields.amount} description="Leave empty to credit everything left">
              <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={creditable} />
            </FormField>
            <FormField label="Reason" required error={errors.reason ?? server.fields.reason}>
              <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setCrediting(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={credit.isPending}>
                Issue credit note
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
