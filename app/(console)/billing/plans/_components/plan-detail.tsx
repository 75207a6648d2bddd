"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { perUnit } from "@/lib/billing/price-unit";
import { formatMoney, formatNumber } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf } from "../../_components/form-errors";
import { ChargeForm, EMPTY_CHARGE, type ChargeFormValues } from "./charge-form";
import { PlanForm } from "./plan-form";

export function PlanDetail({ planId }: { planId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery(trpc.billing.plans.get.queryOptions({ id: planId }));
  const metrics = useQuery(trpc.billing.metrics.list.queryOptions());
  const [editing, setEditing] = useState(false);
  const [charge, setCharge] = useState<{ id?: string; values: ChargeFormValues } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.billing.plans.pathKey() });

  const update = useMutation(
    trpc.billing.plans.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Plan saved", variant: "success" });
        setEditing(false);
        refresh();
      },
      onError: (error) => toast({ title: "Not saved", description: error.message, variant: "error" }),
    }),
  );
  const saveCharge = useMutation(
    trpc.billing.plans.saveCharge.mutationOptions({
      onSuccess: () => {
        toast({ title: "Charge saved", variant: "success" });
        setCharge(null);
        refresh();
      },
    }),
  );
  const deleteCharge = useMutation(
    trpc.billing.plans.deleteCharge.mutationOptions({
      onSuccess: () => {
        toast({ title: "Charge removed", variant: "success" });
        refresh();
      },
    }),
  );

  if (plan.isLoading) return <Skeleton className="h-64 w-full" />;
  if (!plan.data) return <Alert variant="danger" title="Plan not found">{plan.error?.message}</Alert>;
  const p = plan.data;
  const chargeErrors = fieldErrorsOf(saveCharge.error);
  const planErrors = fieldErrorsOf(update.error);
  const planValues = { code: p.code, name: p.name, description: p.description ?? "", interval: p.interval, basePrice: p.basePrice, currency: p.currency, taxBehaviour: p.taxBehaviour };
  const usedMetricIds = new Set(p.charges.map((c) => c.metricId));

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/billing/plans">Plans</Link>}
        title={p.name}
        description={`${p.code} · ${p.interval} · ${formatMoney(p.basePrice, p.currency)} base price · tax ${p.taxBehaviour} · ${p.subscriptionCount} subscription(s)`}
        actions={
          <>
            {p.active ? null : <Badge variant="outline">Archived</Badge>}
            <Button variant="outline" onClick={() => setEditing(true)}>
              Edit plan
            </Button>
            <Button
              variant="outline"
              loading={update.isPending && !editing}
              onClick={() => update.mutate({ id: p.id, data: { ...planValues, description: p.description ?? undefined, active: !p.active } })}
            >
              {p.active ? "Archive" : "Reactivate"}
            </Button>
          </>
        }
      />
      <Card>
        <CardHeader className="flex flex-row items-center justify-between gap-2">
          <CardTitle>Charges</CardTitle>
          <Button
            size="sm"
            onClick={() => {
              saveCharge.reset();
              setCharge({ values: EMPTY_CHARGE });
            }}
          >
            <Plus aria-hidden />
            Add charge
          </Button>
        </CardHeader>
        <CardContent>
          {p.charges.length === 0 ? (
            <p className="text-sm text-muted-foreground">No charges yet: subscribers pay only the base price.</p>
          ) : (
            <div className="overflow-x-auto">
              <Table aria-label="Charges">
                <TableHeader>
                  <TableRow>
                    <TableHead>Metric</TableHead>
                    <TableHead>Model</TableHead>
                    <TableHead className="text-right">Included</TableHead>
                    <TableHead>Price</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {p.charges.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>
                        {c.metric.name} <span className="text-xs text-muted-foreground">{c.metric.code}</span>
                      </TableCell>
                      <TableCell>{c.model}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatNumber(c.includedQuota)} {c.metric.unitLabel}
                      </TableCell>
                      <TableCell className="text-sm">
                        {c.model === "graduated" || c.model === "volume" ? (
                          <ul>
                            {c.tiers.map((t, i) => (
                              <li key={i}>
                                {formatNumber(t.from)}–{t.to === null ? "∞" : formatNumber(t.to)}: {formatMoney(t.unitPrice, p.currency, { maximumFractionDigits: 6 })}
                                {` ${perUnit(c.metric.unitLabel, c.unitBatch)}`}
                                {t.flatFee ? ` + ${formatMoney(t.flatFee, p.currency)}` : ""}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <>
                            {formatMoney(c.unitPrice, p.currency, { maximumFractionDigits: 6 })}
                            {c.model === "package" ? ` per package of ${formatNumber(c.packageSize ?? 0)}` : ` ${perUnit(c.metric.unitLabel, c.unitBatch)}`}
                          </>
                        )}
                      </TableCell>
                      <TableCell className="text-right">
                        <span className="flex justify-end gap-2">
                          <Button
                            size="sm"
                            variant="outline"
                            onClick={() => {
                              saveCharge.reset();
                              setCharge({
                                id: c.id,
                                values: {
                                  metricId: c.metricId,
                                  model: c.model,
                                  includedQuota: c.includedQuota,
                                  unitPrice: c.unitPrice,
                                  unitBatch: String(c.unitBatch),
                                  packageSize: c.packageSize === null ? "" : String(c.packageSize),
                                  tiers: c.tiers.length
                                    ? c.tiers.map((t) => ({ from: t.from, to: t.to ?? "", unitPrice: t.unitPrice, flatFee: t.flatFee ?? "" }))
                                    : EMPTY_CHARGE.tiers,
                                },
                              });
                            }}
                          >
                            Edit
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => deleteCharge.mutate({ planId: p.id, chargeId: c.id })}>
                            Remove
                          </Button>
                        </span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>

      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>Edit plan</DialogTitle>
            <DialogDescription>Changes apply to running periods at their next rating; issued invoices keep what they say.</DialogDescription>
          </DialogHeader>
          <PlanForm
            initial={planValues}
            submitLabel="Save plan"
            pending={update.isPending}
            serverErrors={planErrors.fields}
            serverMessage={planErrors.message}
            onSubmit={(values) => update.mutate({ id: p.id, data: { ...values, description: values.description || undefined } })}
            onCancel={() => setEditing(false)}
          />
        </DialogContent>
      </Dialog>

      <Dialog open={charge !== null} onOpenChange={(open) => !open && setCharge(null)}>
        <DialogContent className="max-h-[90dvh] max-w-3xl overflow-y-auto">
          <DialogHeader>
            <DialogTitle>{charge?.id ? "Edit charge" : "Add charge"}</DialogTitle>
            <DialogDescription>How this plan prices a metric each period.</DialogDescription>
          </DialogHeader>
          {charge ? (
            <ChargeForm
              initial={charge.values}
              metrics={(metrics.data ?? []).filter((m) => m.id === charge.values.metricId || !usedMetricIds.has(m.id))}
              lockedMetric={Boolean(charge.id)}
              pending={saveCharge.isPending}
              serverMessage={chargeErrors.message}
              serverErrors={chargeErrors.fields}
              onSubmit={(input) => saveCharge.mutate({ planId: p.id, chargeId: charge.id, charge: input })}
              onCancel={() => setCharge(null)}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
