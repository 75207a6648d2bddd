"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { auditSettingsSchema, type AuditSettingsValues } from "@/lib/validators/audit";
import { formatDateTime } from "@/lib/utils";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

type NumberKey = Exclude<keyof AuditSettingsValues, "alertsEnabled" | "geoEndpoint">;
type FormValues = Record<NumberKey, string> & { alertsEnabled: boolean; geoEndpoint: string };

const NUMBER_FIELDS: Array<{ key: NumberKey; label: string; description: string; group: "retention" | "alerts" | "limits" }> = [
  { key: "retentionDays", label: "Keep records for (days)", description: "Older rows are deleted daily. 0 keeps them forever.", group: "retention" },
  { key: "burstThreshold", label: "Alert after this many failures", description: "Failed sign-ins for one login within the window.", group: "alerts" },
  { key: "burstWindowMinutes", label: "Within (minutes)", description: "The window the failures are counted in.", group: "alerts" },
  { key: "burstCooldownMinutes", label: "Quiet period per login (minutes)", description: "No second alert for the same login before this has passed.", group: "alerts" },
  { key: "rateLimitPerLogin", label: "Failures per login", description: "Then further password attempts for that login are refused. 0 = no limit.", group: "limits" },
  { key: "rateLimitPerIp", label: "Failures per IP address", description: "Then further password attempts from that address are refused. 0 = no limit.", group: "limits" },
  { key: "rateLimitWindowMinutes", label: "Counted over (minutes)", description: "A refused attempt is allowed again once older failures leave this window.", group: "limits" },
];

function toForm(values: AuditSettingsValues): FormValues {
  const form = { alertsEnabled: values.alertsEnabled, geoEndpoint: values.geoEndpoint ?? "" } as FormValues;
  for (const { key } of NUMBER_FIELDS) form[key] = String(values[key]);
  return form;
}

/** The audit settings form: loads the saved values, then edits them. */
export function AuditSettingsForm() {
  const trpc = useTRPC();
  const current = useQuery(trpc.audit.settings.get.queryOptions());
  if (current.error) return <Alert variant="danger" title="Could not load the settings">{current.error.message}</Alert>;
  if (!current.data) return <Skeleton className="h-96 w-full" />;
  return <SettingsFormBody initial={current.data.settings} defaultGeoEndpoint={current.data.defaultGeoEndpoint} />;
}

/** Every field is validated by the same schema as the procedure, and the server's field errors are shown too. */
function SettingsFormBody({ initial, defaultGeoEndpoint }: { initial: AuditSettingsValues & { updatedAt: Date | null }; defaultGeoEndpoint: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormValues>(() => toForm(initial));
  const [updatedAt, setUpdatedAt] = useState<Date | null>(initial.updatedAt);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});

  const save = useMutation(
    trpc.audit.settings.update.mutationOptions({
      onSuccess: (saved) => {
        setForm(toForm(saved));
        setUpdatedAt(saved.updatedAt);
        setErrors({});
        toast({ title: "Settings saved", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.settings.pathKey() });
      },
      onError: (error) => {
        setErrors(fieldErrorsOf(error));
        toast({ title: "Could not save", description: error.message, variant: "error" });
      },
    }),
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const candidate: Record<string, unknown> = { alertsEnabled: form.alertsEnabled, geoEndpoint: form.geoEndpoint };
    for (const { key } of NUMBER_FIELDS) candidate[key] = form[key].trim() === "" ? Number.NaN : Number(form[key]);
    const parsed = auditSettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message.replace(/expected number, received NaN/i, "Enter a whole number")];
      }
      setErrors(fieldErrors);
      return;
    }
    save.mutate(parsed.data);
  }

  const numberField = (key: NumberKey) => {
    const field = NUMBER_FIELDS.find((f) => f.key === key)!;
    return (
      <FormField key={key} label={field.label} description={field.description} error={errors[key]} required>
        <Input
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          required
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      </FormField>
    );
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label="Login audit settings">
      <Card>
        <CardHeader>
          <CardTitle>Retention</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">{numberField("retentionDays")}</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Failed sign-in alerts</CardTitle>
          <CardDescription>Every provider admin gets one e-mail with the recent failures when a login reaches the threshold.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField label="Send alert e-mails" layout="inline" className="sm:col-span-2">
            <Checkbox checked={form.alertsEnabled} onCheckedChange={(checked) => setForm({ ...form, alertsEnabled: checked === true })} />
          </FormField>
          {NUMBER_FIELDS.filter((f) => f.group === "alerts").map((f) => numberField(f.key))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sign-in rate limits</CardTitle>
          <CardDescription>Counted from the audit records; a refused attempt is recorded as “Rate limited”.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">{NUMBER_FIELDS.filter((f) => f.group === "limits").map((f) => numberField(f.key))}</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Geolocation</CardTitle>
          <CardDescription>Only the IP address is sent. Private and local addresses are never looked up.</CardDescription>
        </CardHeader>
        <CardContent>
          <FormField
            label="Geolocation endpoint"
            description={
              <>
                An ip-api.com-compatible JSON URL with {"{ip}"} where the address goes. Empty uses the server default:{" "}
                {/* A URL is one long word: let it break anywhere rather than widen the page on a phone. */}
                <code className="[overflow-wrap:anywhere]">{defaultGeoEndpoint}</code>
              </>
            }
            error={errors.geoEndpoint}
          >
            <Input value={form.geoEndpoint} onChange={(e) => setForm({ ...form, geoEndpoint: e.target.value })} placeholder={defaultGeoEndpoint} autoComplete="off" spellCheck={false} />
          </FormField>
        </CardContent>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={save.isPending}>
          Save settings
        </Button>
        <p className="text-sm text-muted-foreground">
          {updatedAt ? `Last changed ${formatDateTime(updatedAt)}.` : "Defaults in use; nothing saved yet."}
        </p>
      </div>
    </form>
  );
}
