"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { CRM_FIELD_TYPES, CRM_OWNER_RULES, CRM_OWNER_RULE_LABELS, type CrmOwnerRuleValue } from "@/lib/validators/crm";

type Entity = "customer" | "payment_summary";
type FieldType = (typeof CRM_FIELD_TYPES)[number];

/**
 * Field mappings of one connection: the connector's defaults and custom
 * ones. Saving checks the remote field against the module's describe result
 * (exists, writable, right kind of value).
 */
export function FieldMappingsEditor({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<Entity>("customer");
  const mappings = useQuery(trpc.crm.connections.mappings.queryOptions({ connectionId, entity }));
  const remoteModule = mappings.data?.module ?? null;
  const describe = useQuery({ ...trpc.crm.connections.describe.queryOptions({ connectionId, module: remoteModule ?? "" }), enabled: Boolean(remoteModule) });
  const [draft, setDraft] = useState({ localPath: "", remoteField: "", fieldType: "TEXT" as FieldType, ownerRule: "newest_wins" as CrmOwnerRuleValue, active: true });
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.crm.connections.pathKey() });
  const save = useMutation(
    trpc.crm.connections.saveMapping.mutationOptions({
      onSuccess: () => {
        toast({ title: "Mapping saved", variant: "success" });
        setErrors({});
        setDraft({ localPath: "", remoteField: "", fieldType: "TEXT", ownerRule: "newest_wins", active: true });
        void invalidate();
      },
      onError: (e) => {
        const fe = (e.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
        setErrors(fe ?? { remoteField: [e.message] });
      },
    }),
  );
  const remove = useMutation(trpc.crm.connections.deleteMapping.mutationOptions({ onSuccess: () => void invalidate() }));

  const labelOf = (path: string) => mappings.data?.localFields.find((f) => f.path === path)?.label ?? path;
  return (
    <div className="flex flex-col gap-6">
      <FormField label="Records" className="max-w-xs">
        <NativeSelect
          value={entity}
          onChange={(e) => setEntity(e.target.value as Entity)}
          options={[
            { value: "customer", label: "Customers" },
            { value: "payment_summary", label: "Weekly payment summary" },
          ]}
        />
      </FormField>
      {mappings.isLoading ? (
        <Skeleton className="h-48" />
      ) : (
        <div className="overflow-x-auto">
          <Table aria-label="Field mappings">
            <TableHeader>
              <TableRow>
                <TableHead>Switchboard field</TableHead>
                <TableHead>{remoteModule ?? "CRM"} field</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Owner rule</TableHead>
                <TableHead>State</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {(mappings.data?.mappings ?? []).map((m) => (
                <TableRow key={m.remoteField}>
                  <TableCell>{labelOf(m.localPath)}</TableCell>
                  <TableCell>
                    <code className="text-xs">{m.remoteField}</code>
                  </TableCell>
                  <TableCell>{m.fieldType}</TableCell>
                  <TableCell>{CRM_OWNER_RULE_LABELS[m.ownerRule]}</TableCell>
                  <TableCell className="flex flex-wrap gap-1">
                    <Badge variant={m.source === "custom" ? "info" : "secondary"}>{m.source === "custom" ? "Custom" : "Default"}</Badge>
                    {!m.active ? <Badge variant="secondary">Off</Badge> : !m.enabled ? <Badge variant="warning">Field not enabled</Badge> : <Badge variant="success">Syncing</Badge>}
                  </TableCell>
                  <TableCell className="text-right">
                    {m.mappingId ? (
                      <Button size="sm" variant="ghost" onClick={() => remove.mutate({ id: m.mappingId! })}>
                        Remove
                      </Button>
                    ) : (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setDraft({ localPath: m.localPath, remoteField: m.remoteField, fieldType: m.fieldType, ownerRule: m.ownerRule, active: m.active })}
                      >
                        Edit
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <form
        noValidate
        className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (remoteModule) save.mutate({ connectionId, entity, module: remoteModule, ...draft });
        }}
      >
        <h3 className="text-base font-semibold sm:col-span-2 lg:col-span-3">Add or change a mapping</h3>
        <FormField label="Switchboard field" error={errors.localPath}>
          <NativeSelect
            value={draft.localPath}
            placeholder="Choose a field…"
            onChange={(e) => {
              const f = mappings.data?.localFields.find((x) => x.path === e.target.value);
              setDraft({ ...draft, localPath: e.target.value, fieldType: f?.type ?? draft.fieldType, ownerRule: f?.defaultRule ?? draft.ownerRule });
            }}
            options={(mappings.data?.localFields ?? []).map((f) => ({ value: f.path, label: f.label }))}
          />
        </FormField>
        <FormField label={`${remoteModule ?? "CRM"} field`} error={errors.remoteField} description={describe.isError ? `Could not read the module: ${describe.error.message}` : undefined}>
          <NativeSelect
            value={draft.remoteField}
            placeholder={describe.isLoading ? "Reading the CRM…" : "Choose a field…"}
            onChange={(e) => setDraft({ ...draft, remoteField: e.target.value })}
            options={(describe.data?.fields ?? []).map((f) => ({ value: f.name, label: `${f.label} (${f.name}, ${f.type}${f.editable ? "" : ", read-only"})` }))}
          />
        </FormField>
        <FormField label="Type" error={errors.fieldType}>
          <NativeSelect value={draft.fieldType} onChange={(e) => setDraft({ ...draft, fieldType: e.target.value as FieldType })} options={CRM_FIELD_TYPES.map((t) => ({ value: t, label: t }))} />
        </FormField>
        <FormField label="When both sides changed it" error={errors.ownerRule}>
          <NativeSelect
            value={draft.ownerRule}
            onChange={(e) => setDraft({ ...draft, ownerRule: e.target.value as CrmOwnerRuleValue })}
            options={CRM_OWNER_RULES.map((r) => ({ value: r, label: CRM_OWNER_RULE_LABELS[r] }))}
          />
        </FormField>
        <FormField label="Active" layout="inline">
          <Checkbox checked={draft.active} onCheckedChange={(c) => setDraft({ ...draft, active: c === true })} />
        </FormField>
        <div className="flex items-end">
          <Button type="submit" loading={save.isPending} disabled={!draft.localPath || !draft.remoteField}>
            Save mapping
          </Button>
        </div>
      </form>
    </div>
  );
}
