"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Layers, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/use-toast";
import { formatMoney } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf } from "../../_components/form-errors";
import { EMPTY_PLAN, PlanForm } from "./plan-form";

export function PlansList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.billing.plans.list.queryOptions());
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.billing.plans.create.mutationOptions({
      onSuccess: (plan) => {
        toast({ title: "Plan created", description: "Now add its charges.", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.billing.plans.pathKey() });
        router.push(`/billing/plans/${plan.id}`);
      },
    }),
  );
  const server = fieldErrorsOf(create.error);

  type Row = NonNullable<typeof plans.data>[number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "name",
      header: "Plan",
      cell: (p) => (
        <Link href={`/billing/plans/${p.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {p.name}
          <span className="ml-2 text-xs text-muted-foreground">{p.code}</span>
        </Link>
      ),
    },
    { id: "interval", header: "Interval", cell: (p) => p.interval },
    { id: "base", header: "Base price", align: "end", cell: (p) => formatMoney(p.basePrice, p.currency) },
    { id: "charges", header: "Charges", cell: (p) => p.charges.map((c) => c.metric.code).join(", ") || "—" },
    { id: "subs", header: "Subscriptions", align: "end", cell: (p) => p.subscriptionCount },
    { id: "state", header: "State", cell: (p) => (p.active ? <Badge variant="success">Active</Badge> : <Badge variant="outline">Archived</Badge>) },
  ];

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => { create.reset(); setOpen(true); }}>
          <Plus aria-hidden />
          New plan
        </Button>
      </div>
      <DataTable
        label="Plans"
        columns={columns}
        rows={plans.data ?? []}
        getRowId={(p) => p.id}
        loading={plans.isLoading}
        empty={<EmptyState icon={Layers} title="No plans yet" description="Create a plan, then price each metric on it." />}
      />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>New plan</DialogTitle>
            <DialogDescription>Charges per metric are added on the plan&apos;s page.</DialogDescription>
          </DialogHeader>
          <PlanForm
            initial={EMPTY_PLAN}
            submitLabel="Create plan"
            pending={create.isPending}
            serverErrors={server.fields}
            serverMessage={server.message}
            onSubmit={(values) => create.mutate({ ...values, description: values.description || undefined })}
            onCancel={() => setOpen(false)}
          />
        </DialogContent>
      </Dialog>
    </div>
  );
}
