"use client";

import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { CheckCircle2, PlugZap } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/lib/trpc/react";
import type { ModulesInput } from "@/lib/validators/crm";
import { ModuleFieldPicker, type PickableField } from "./module-field-picker";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export interface ConnectionFormValues {
  name: string;
  baseUrl: string;
  username: string;
  accessKey: string;
  modules: ModulesInput;
  pullIntervalMinutes: number;
  taskRoleId: string;
  taskAssignMode: "one" | "each";
  staffRoleId: string;
  paymentSummaryWeekday: number | null;
  paymentSummaryHour: number;
  /** Ascora only. */
  companyId: string;
}

type FieldErrors = Record<string, string[] | undefined>;

/**
 * A CRM connection form (Vtiger or Ascora, labelled by the provider): address
 * and credentials with "Test connection" (logs in and lists the modules the
 * CRM user sees), the modules and fields to sync (picked from the CRM's
 * describe once the connection answers), and the schedules. The stored
 * secret is never shown; leaving the field blank on edit keeps it.
 */
export function ConnectionForm({
  provider,
  initial,
  connectionId,
  defaults,
  submitLabel,
  pending,
  errors,
  onSubmit,
}: {
  provider: string;
  initial: ConnectionFormValues;
  connectionId?: string;
  /** The provider's suggested modules (so a disabled one can be switched on with sensible fields). */
  defaults: ModulesInput;
  submitLabel: string;
  pending: boolean;
  errors: FieldErrors;
  onSubmit: (values: ConnectionFormValues) => void;
}) {
  const trpc = useTRPC();
  const info = useProviderInfo(provider);
  const vtiger = provider === "vtiger";
  const [v, setV] = useState<ConnectionFormValues>(initial);
  const [fieldsText, setFieldsText] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries({ ...defaults, ...initial.modules }).map(([m, c]) => [m, c.fields.join(", ")])),
  );
  const allModules = [...new Set([...Object.keys(defaults), ...Object.keys(initial.modules)])];
  const test = useMutation(trpc.crm.connections.test.mutationOptions());
  const [testErrors, setTestErrors] = useState<FieldErrors>({});

  const listOf = (m: string) => (fieldsText[m] ?? "").split(/[\s,]+/).map((f) => f.trim()).filter(Boolean);
  const modulesFromText = (enabled: ModulesInput): ModulesInput =>
    Object.fromEntries(Object.entries(enabled).map(([m, c]) => [m, { ...c, fields: listOf(m) }]));
  const toggleModule = (m: string, on: boolean) => {
    const next = { ...v.modules };
    if (on) next[m] = initial.modules[m] ?? defaults[m] ?? { fields: [] };
    else delete next[m];
    setV({ ...v, modules: next });
  };
  const set = (k: keyof ConnectionFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const allErrors = { ...testErrors, ...errors };
  const result = test.data;
  // A saved connection describes its enabled modules with the stored key; a test fills in the rest (or a new connection's).
  const described = useQueries({
    queries: connectionId
      ? Object.keys(initial.modules).map((m) => ({ ...trpc.crm.connections.describe.queryOptions({ connectionId, module: m }), retry: false, staleTime: 300_000 }))
      : [],
  });
  const knownFields: Record<string, readonly PickableField[]> = {};
  described.forEach((q) => {
    if (q.data) knownFields[q.data.name] = q.data.fields;
  });
  if (result?.ok) Object.assign(knownFields, result.fields);

  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ ...v, modules: modulesFromText(v.modules) });
      }}
    >
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Connection</legend>
        <FormField label="Name" error={allErrors.name} required>
          <Input value={v.name} onChange={set("name")} />
        </FormField>
        <FormField label={info?.labels.baseUrl ?? "Base URL"} description={`The address, e.g. ${info?.labels.baseUrlHint ?? "https://crm.example.com"}`} error={allErrors.baseUrl} required>
          <Input type="url" value={v.baseUrl} onChange={set("baseUrl")} placeholder={info?.labels.baseUrlHint ?? "https://crm.example.com"} />
        </FormField>
        <FormField label={info?.labels.username ?? "User name"} error={allErrors.username} required>
          <Input value={v.username} onChange={set("username")} autoComplete="off" />
        </FormField>
        <FormField
          label={info?.labels.secret ?? "Access key"}
          description={
            connectionId
              ? "Stored encrypted and never shown. Leave blank to keep it."
              : vtiger
                ? "From My Preferences → Access Key in Vtiger. Stored encrypted."
                : "The Ascora account's password (Basic authentication). Stored encrypted."
          }
          error={allErrors.accessKey}
          required={!connectionId}
        >
          <Input type="password" value={v.accessKey} onChange={set("accessKey")} autoComplete="new-password" />
        </FormField>
        {info?.importsAccounting ? (
          <FormField
            label="CompanyId (optional)"
            description="Import the invoices of this Ascora company only; blank imports the account's invoices."
            error={allErrors.companyId}
          >
            <Input value={v.companyId} onChange={set("companyId")} placeholder="3f2504e0-4f89-11d3-9a0c-0305e82c3301" />
          </FormField>
        ) : null}
        <div className="flex flex-col gap-2 sm:col-span-2">
          <div>
            <Button
              type="button"
              variant="outline"
              loading={test.isPending}
              onClick={() => {
                setTestErrors({});
                test.mutate(
                  {
                    connectionId,
                    provider,
                    companyId: v.companyId || null,
                    baseUrl: v.baseUrl || undefined,
                    username: v.username || undefined,
                    accessKey: v.accessKey || undefined,
                    modules: modulesFromText(v.modules),
                  },
                  { onError: (e) => setTestErrors((e.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors ?? { baseUrl: [e.message] }) },
                );
              }}
            >
              <PlugZap aria-hidden /> Test connection
            </Button>
          </div>
          {result?.ok ? (
            <Alert variant="success" title={`Connected as ${result.userName}`} icon={CheckCircle2}>
              <p>The CRM user sees {result.modules.length} modules: {result.modules.map((m) => m.name).join(", ")}.</p>
              {result.warnings.length ? (
                <ul className="mt-2 list-disc pl-5">
                  {result.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : result && !result.ok ? (
            <Alert variant="danger" title="The connection failed">
              {result.message}
            </Alert>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-base font-semibold">Modules and fields to sync</legend>
        <p className="text-sm text-muted-foreground">Only enabled modules and the fields listed are ever written to the CRM.</p>
        {allErrors.modules ? <p className="text-sm text-danger">{allErrors.modules.join(" ")}</p> : null}
        {allModules.map((m) => {
          const on = Boolean(v.modules[m]);
          return (
            <div key={m} className="flex flex-col gap-2 rounded-lg border p-3">
              <FormField label={`Sync ${m}`} layout="inline">
                <Checkbox checked={on} onCheckedChange={(c) => toggleModule(m, c === true)} />
              </FormField>
              {on && knownFields[m] ? (
                <ModuleFieldPicker
                  module={m}
                  fields={knownFields[m]}
                  selected={listOf(m)}
                  keyField={v.modules[m]?.externalKeyField}
                  onChange={(next) => {
                    setFieldsText({ ...fieldsText, [m]: next.fields.join(", ") });
                    setV({ ...v, modules: { ...v.modules, [m]: { ...v.modules[m]!, externalKeyField: next.keyField } } });
                  }}
                />
              ) : on ? (
                <FormField
                  label={`${m} fields`}
                  description={`${v.modules[m]?.externalKeyField ? `Switchboard's id goes in ${v.modules[m]!.externalKeyField}. ` : ""}Test the connection to pick from the fields this CRM has.`}
                >
                  <Textarea rows={2} value={fieldsText[m] ?? ""} onChange={(e) => setFieldsText({ ...fieldsText, [m]: e.target.value })} />
                </FormField>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Schedules and roles</legend>
        <FormField label="Pull every (minutes)" description="0 pulls only when you press Pull now." error={allErrors.pullIntervalMinutes}>
          <Input type="number" min={0} max={1440} value={v.pullIntervalMinutes} onChange={(e) => setV({ ...v, pullIntervalMinutes: Number(e.target.value) })} />
        </FormField>
        {vtiger ? (
          <>
        <FormField label="Role for follow-up tasks" description="Vtiger role id, e.g. H5 (customer care)." error={allErrors.taskRoleId}>
          <Input value={v.taskRoleId} onChange={set("taskRoleId")} />
        </FormField>
        <FormField label="Assign tasks to">
          <NativeSelect
            value={v.taskAssignMode}
            onChange={set("taskAssignMode")}
            options={[
              { value: "one", label: "One user of the role" },
              { value: "each", label: "Every user of the role" },
            ]}
          />
        </FormField>
        <FormField label="Role for staff accounts" description="Vtiger role given to staff you sync." error={allErrors.staffRoleId}>
          <Input value={v.staffRoleId} onChange={set("staffRoleId")} />
        </FormField>
        <FormField label="Weekly payment summary" description="Day (UTC) the past week's payments are written to each customer.">
          <NativeSelect
            value={v.paymentSummaryWeekday === null ? "" : String(v.paymentSummaryWeekday)}
            onChange={(e) => setV({ ...v, paymentSummaryWeekday: e.target.value === "" ? null : Number(e.target.value) })}
            options={[{ value: "", label: "Off" }, ...WEEKDAYS.map((d, i) => ({ value: String(i), label: d }))]}
          />
        </FormField>
        <FormField label="At hour (UTC)" error={allErrors.paymentSummaryHour}>
          <Input type="number" min={0} max={23} value={v.paymentSummaryHour} onChange={(e) => setV({ ...v, paymentSummaryHour: Number(e.target.value) })} />
        </FormField>
          </>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The provider's labels, default modules and capabilities. */
export function useProviderInfo(provider: string | undefined) {
  const trpc = useTRPC();
  const providers = useQuery(trpc.crm.connections.providers.queryOptions());
  return providers.data?.find((p) => p.id === provider);
}

/** The provider's default modules, for the form. */
export function useProviderDefaults(provider: string | undefined = "vtiger"): ModulesInput | undefined {
  return useProviderInfo(provider)?.defaultModules as ModulesInput | undefined;
}
