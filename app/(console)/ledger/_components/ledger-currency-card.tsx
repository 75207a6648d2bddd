"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

/** The ledger's one currency: documents in any other are listed as skipped, never mixed into the balances. */
export function LedgerCurrencyCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.ledger.sources.overview.queryOptions());
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation(
    trpc.ledger.sources.setCurrency.mutationOptions({
      onSuccess: ({ currency }) => {
        setDraft(null);
        setError(undefined);
        toast({ title: `Ledger currency is ${currency}` });
        void queryClient.invalidateQueries({ queryKey: trpc.ledger.sources.pathKey() });
      },
      onError: (e) => setError(fieldErrorsOf(e).currency?.[0] ?? e.message),
    }),
  );
  const value = draft ?? overview.data?.currency ?? "";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Ledger currency</CardTitle>
        <CardDescription>
          Accounts hold one currency. Invoices, payments and credit notes in another currency (Switchboard&apos;s own or Ascora&apos;s) are skipped and
          counted, never mixed in. The currency cannot change once entries in it are posted.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          aria-label="Ledger currency"
          className="flex flex-wrap items-start gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ currency: value });
          }}
        >
          <FormField label="Currency (ISO 4217)" error={error}>
            <Input value={value} onChange={(e) => setDraft(e.target.value)} maxLength={3} className="w-24 uppercase" autoComplete="off" />
          </FormField>
          <div className="sm:pt-6">
            <Button type="submit" loading={save.isPending} disabled={overview.isLoading}>
              Save currency
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
