"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Gauge, Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { AGGREGATIONS, metricSchema, ROUNDING_MODES } from "@/lib/validators/billing";
import { useTRPC } from "@/lib/trpc/react";
import { fieldErrorsOf, issuesByPath } from "../../_components/form-errors";

const AGGREGATION_HELP: Record<(typeof AGGREGATIONS)[number], string> = {
  sum: "Sum: adds every counter of the period (CPU seconds, API calls)",
  max: "Max: the period's peak (concurrent seats, storage high-water mark)",
  last: "Last: the latest counter (a gauge such as current storage)",
  unique_count: "Unique count: distinct unique_key values with usage (active users)",
};

interface MetricForm {
  id?: string;
  code: string;
  name: string;
  aggregation: (typeof AGGREGATIONS)[number];
  unitLabel: string;
  rounding: (typeof ROUNDING_MODES)[number];
  roundingPrecision: string;
  fieldName: string;
  description: string;
}

const EMPTY: MetricForm = { code: "", name: "", aggregation: "sum", unitLabel: "", rounding: "none", roundingPrecision: "0", fieldName: "", description: "" };

export function MetricsManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const metrics = useQuery(trpc.billing.metrics.list.queryOptions());
  const [form, setForm] = useState<MetricForm | null>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const done = (title: string) => {
    toast({ title, variant: "success" });
    setForm(null);
    void queryClient.invalidateQueries({ queryKey: trpc.billing.metrics.pathKey() });
  };
  const create = useMutation(trpc.billing.metrics.create.mutationOptions({ onSuccess: () => done("Metric created") }));
  const update = useMutation(trpc.billing.metrics.update.mutationOptions({ onSuccess: () => done("Metric saved") }));
  const remove = useMutation(
    trpc.billing.metrics.delete.mutationOptions({
      onSuccess: () => done("Metric deleted"),
      onError: (error) => toast({ title: "Could not delete", description: error.message, variant: "error" }),
    }),
  );
  const saving = form?.id ? update : create;
  const server = fieldErrorsOf(saving.error);
  const errors = (field: string) => clientErrors[field] ?? server.fields[field];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!form) return;
    const input = { ...form, roundingPrecision: form.roundingPrecision, description: form.description || undefined };
    const parsed = metricSchema.safeParse(input);
    if (!parsed.success) {
      setClientErrors(issuesByPath(parsed.error.issues));
      return;
    }
    setClientErrors({});
    if (form.id) update.mutate({ id: form.id, data: { ...input, roundingPrecision: Number(form.roundingPrecision) } });
    else create.mutate({ ...input, roundingPrecision: Number(form.roundingPrecision) });
  }

  type Row = NonNullable<typeof metrics.data>[number];
  const columns: DataTableColumn<Row>[] = [
    { id: "code", header: "Code", cell: (m) => <code className="text-xs">{m.code}</code> },
    { id: "name", header: "Name", cell: (m) => m.name },
    { id: "aggregation", header: "Aggregation", cell: (m) => <Badge variant="secondary">{m.aggregation}</Badge> },
    { id: "unit", header: "Unit", cell: (m) => m.unitLabel },
    { id: "rounding", header: "Rounding", cell: (m) => (m.rounding === "none" ? "none" : `${m.rounding} to ${m.roundingPrecision} places`) },
    { id: "charges", header: "Charges", align: "end", cell: (m) => m.chargeCount },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "end",
      cell: (m) => (
        <span className="flex justify-end gap-2">
          <Button
            size="sm"
            variant="outline"
            onClick={() =>
              setForm({ id: m.id, code: m.code, name: m.name, aggregation: m.aggregation, unitLabel: m.unitLabel, rounding: m.rounding, roundingPrecision: String(m.roundingPrecision), fieldName: m.fieldName ?? "", description: m.description ?? "" })
            }
          >
            Edit
          </Button>
          <Button size="sm" variant="ghost" disabled={m.chargeCount > 0} onClick={() => remove.mutate({ id: m.id })} aria-label={`Delete ${m.code}`}>
            Delete
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => { setClientErrors({}); create.reset(); setForm(EMPTY); }}>
          <Plus aria-hidden />
          New metric
        </Button>
      </div>
      <DataTable
        label="Metrics"
        columns={columns}
        rows={metrics.data ?? []}
        getRowId={(m) => m.id}
        loading={metrics.isLoading}
        empty={<EmptyState icon={Gauge} title="No metrics yet" description="Create the first metric a source app will push, e.g. cpu_seconds." />}
      />
      <Dialog open={form !== null} onOpenChange={(open) => !open && setForm(null)}>
        <DialogContent className="max-w-lg">
          <DialogHeader>
            <DialogTitle>{form?.id ? "Edit metric" : "New metric"}</DialogTitle>
            <DialogDescription>Source apps push usage under the code; it cannot change once usage exists.</DialogDescription>
          </DialogHeader>
          {form ? (
            <form onSubmit={submit} className="grid gap-4" noValidate>
              {server.message && Object.keys(server.fields).length === 0 ? <Alert variant="danger">{server.message}</Alert> : null}
              <FormField label="Code" required error={errors("code")} description="Lowercase letters, digits, _ and -, e.g. cpu_seconds">
                <Input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} autoComplete="off" />
              </FormField>
              <FormField label="Name" required error={errors("name")}>
                <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
              </FormField>
              <FormField label="Aggregation" required error={errors("aggregation")} description={AGGREGATION_HELP[form.aggregation]}>
                <NativeSelect
                  value={form.aggregation}
                  onChange={(e) => setForm({ ...form, aggregation: e.target.value as MetricForm["aggregation"] })}
                  options={AGGREGATIONS.map((a) => ({ value: a, label: a }))}
                />
              </FormField>
              <FormField label="Unit label" required error={errors("unitLabel")} description="Shown on invoices, e.g. seconds, calls, GB">
                <Input value={form.unitLabel} onChange={(e) => setForm({ ...form, unitLabel: e.target.value })} />
              </FormField>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField label="Rounding" error={errors("rounding")}>
                  <NativeSelect
                    value={form.rounding}
                    onChange={(e) => setForm({ ...form, rounding: e.target.value as MetricForm["rounding"] })}
                    options={ROUNDING_MODES.map((r) => ({ value: r, label: r }))}
                  />
                </FormField>
                <FormField label="Decimal places kept" error={errors("roundingPrecision")}>
                  <Input inputMode="numeric" value={form.roundingPrecision} onChange={(e) => setForm({ ...form, roundingPrecision: e.target.value })} />
                </FormField>
              </div>
              <FormField label="Event property" error={errors("fieldName")} description="Lago events: the properties key whose value is aggregated (empty: each event counts 1)">
                <Input value={form.fieldName} onChange={(e) => setForm({ ...form, fieldName: e.target.value })} />
              </FormField>
              <FormField label="Description" error={errors("description")}>
                <Input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
              </FormField>
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => setForm(null)}>
                  Cancel
                </Button>
                <Button type="submit" loading={saving.isPending}>
                  {form.id ? "Save metric" : "Create metric"}
                </Button>
              </DialogFooter>
            </form>
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
