"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CustomerPicker } from "@/components/billing/customer-picker";
import { Button } from "@/components/ui/button";
import { DateInput } from "@/components/ui/date-input";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { parseDuration } from "@/lib/validators/hour-cards";
import { useTRPC } from "@/lib/trpc/react";
import { formErrors } from "@/lib/hour-cards/form-errors";

type Errors = Record<string, string | undefined>;

/** Admins: a new card for a customer (hours, price, purchase and expiry dates). */
export function NewCardDialog({ customerId: fixedCustomer }: { customerId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [customerId, setCustomerId] = useState(fixedCustomer ?? "");
  const [name, setName] = useState("");
  const [hours, setHours] = useState("");
  const [price, setPrice] = useState("");
  const [currency, setCurrency] = useState("");
  const [purchasedOn, setPurchasedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [expiresOn, setExpiresOn] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const create = useMutation(
    trpc.hourCards.create.mutationOptions({
      onSuccess: (card) => {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.hourCards.list.pathKey() });
        router.push(`/hour-cards/${card.id}`);
      },
      onError: (error) => setErrors(formErrors(error)),
    }),
  );

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const minutes = parseDuration(hours);
    if (minutes === null) return setErrors({ purchasedMinutes: "Enter the hours as 10, 7.5 or 7:30" });
    if (!customerId) return setErrors({ customerId: "Pick a customer" });
    create.mutate({
      customerId,
      name,
      purchasedMinutes: minutes,
      pricePaid: price.trim() || null,
      currency: currency.trim() || null,
      purchasedOn,
      expiresOn: expiresOn || null,
    });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          New hour card
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New hour card</DialogTitle>
          <DialogDescription>The purchased hours become the card&apos;s first ledger line.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-3">
          {fixedCustomer ? null : (
            <FormField label="Customer" error={errors.customerId} required>
              {(control) => <CustomerPicker {...control} value={customerId} onChange={(c) => setCustomerId(c?.id ?? "")} />}
            </FormField>
          )}
          <FormField label="Name" error={errors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="20 hours 2027" required />
          </FormField>
          <FormField label="Hours" description="10, 7.5 or 7:30" error={errors.purchasedMinutes} required>
            <Input value={hours} onChange={(e) => setHours(e.target.value)} inputMode="decimal" required />
          </FormField>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Price paid" error={errors.pricePaid}>
              <Input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" placeholder="12000.00" />
            </FormField>
            <FormField label="Currency" error={errors.currency}>
              <Input value={currency} onChange={(e) => setCurrency(e.target.value)} placeholder="DKK" maxLength={3} />
            </FormField>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Bought on" error={errors.purchasedOn} required>
              {(control) => <DateInput {...control} value={purchasedOn} onValueChange={setPurchasedOn} required />}
            </FormField>
            <FormField label="Expires on" description="Leave empty for no expiry" error={errors.expiresOn}>
              {(control) => <DateInput {...control} value={expiresOn} onValueChange={setExpiresOn} />}
            </FormField>
          </div>
          {errors.form ? <p role="alert" className="text-sm text-danger">{errors.form}</p> : null}
          <div className="flex justify-end">
            <Button type="submit" loading={create.isPending}>
              Create card
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
