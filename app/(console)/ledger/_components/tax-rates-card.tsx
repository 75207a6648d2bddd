"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { fieldErrorsOf, hasFieldErrors } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

type Errors = { name?: string; percent?: string; form?: string };

/** A rate's form errors from a failed save: zod's per field (also under `data.` for updates), else the message. */
function errorsOf(error: unknown): Errors {
  const f = fieldErrorsOf(error);
  if (!hasFieldErrors(error)) return { form: (error as Error).message };
  return { name: (f.name ?? f["data.name"])?.[0], percent: (f.percent ?? f["data.percent"])?.[0] };
}

/** The tax rates invoices' tax ÷ subtotal is mapped to: add, edit, retire or restore, delete when unused. */
export function TaxRatesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rates = useQuery(trpc.ledger.taxRates.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [percent, setPercent] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ledger.taxRates.pathKey() });
  const reset = () => {
    setEditing(null);
    setName("");
    setPercent("");
    setErrors({});
  };
  const onSaved = { onSuccess: () => { reset(); void refresh(); }, onError: (e: unknown) => setErrors(errorsOf(e)) };
  const create = useMutation(trpc.ledger.taxRates.create.mutationOptions(onSaved));
  const update = useMutation(trpc.ledger.taxRates.update.mutationOptions(onSaved));
  const onDone = {
    onSuccess: () => void refresh(),
    onError: (e: { message: string }) => toast({ title: "Could not change the rate", description: e.message, variant: "error" }),
  };
  const retire = useMutation(trpc.ledger.taxRates.setRetired.mutationOptions(onDone));
  const remove = useMutation(trpc.ledger.taxRates.delete.mutationOptions(onDone));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Tax rates</CardTitle>
        <CardDescription>
          An invoice&apos;s tax ÷ subtotal maps to the closest active rate, and the tax at that rate must equal the source&apos;s to the cent. A rate posted invoices
          were booked at can be retired, not deleted. Changes apply to drafts on the next ingest.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          aria-label={editing ? "Edit tax rate" : "Add a tax rate"}
          className="flex flex-wrap items-start gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (editing) update.mutate({ id: editing, data: { name, percent } });
            else create.mutate({ name, percent });
          }}
        >
          <FormField label="Rate name" error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. GST 5%" className="w-48" />
          </FormField>
          <FormField label="Percent" error={errors.percent}>
            <Input value={percent} onChange={(e) => setPercent(e.target.value)} inputMode="decimal" placeholder="5" className="w-28" />
          </FormField>
          <div className="flex gap-2 sm:pt-6">
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? "Save rate" : "Add rate"}
            </Button>
            {editing && (
              <Button type="button" variant="ghost" onClick={reset}>
                Cancel
              </Button>
            )}
          </div>
        </form>
        {errors.form && <p role="alert" className="text-danger text-sm">{errors.form}</p>}
        <Table aria-label="Tax rates">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="text-right">Percent</TableHead>
              <TableHead className="text-right">Posted invoices</TableHead>
              <TableHead>Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rates.data?.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  {r.name}
                  {r.retiredAt && <Badge variant="secondary" className="ml-2">retired</Badge>}
                </TableCell>
                <TableCell className="text-right tabular-nums">{r.percent}%</TableCell>
                <TableCell className="text-right tabular-nums">{r.postedUses}</TableCell>
                <TableCell className="flex flex-wrap gap-1">
                  <Button size="sm" variant="ghost" aria-label={`Edit ${r.name}`} onClick={() => { setEditing(r.id); setName(r.name); setPercent(r.percent); setErrors({}); }}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`${r.retiredAt ? "Restore" : "Retire"} ${r.name}`} onClick={() => retire.mutate({ id: r.id, retired: !r.retiredAt })}>
                    {r.retiredAt ? "Restore" : "Retire"}
                  </Button>
                  {r.postedUses === 0 && (
                    <Button size="sm" variant="ghost" aria-label={`Delete ${r.name}`} onClick={() => remove.mutate({ id: r.id })}>
                      Delete
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
