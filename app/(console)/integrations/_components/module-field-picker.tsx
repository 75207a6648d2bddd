"use client";

import { useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

export interface PickableField {
  name: string;
  label: string;
  type: string;
  mandatory: boolean;
  editable: boolean;
}

/** Types that can hold Switchboard's id (text the CRM will store as sent). */
const KEY_TYPES = new Set(["string", "text", "url", "phone"]);

/**
 * The fields of one CRM module as its describe lists them, with labels and
 * types: tick the ones to sync and choose the key field that holds
 * Switchboard's id. Read-only fields are not offered; the server checks the
 * choice against describe again on save.
 */
export function ModuleFieldPicker({
  module,
  fields,
  selected,
  keyField,
  onChange,
}: {
  module: string;
  fields: readonly PickableField[];
  selected: readonly string[];
  keyField: string | undefined;
  onChange: (next: { fields: string[]; keyField: string | undefined }) => void;
}) {
  const [filter, setFilter] = useState("");
  const writable = fields.filter((f) => f.editable);
  const q = filter.trim().toLowerCase();
  const shown = q ? writable.filter((f) => f.label.toLowerCase().includes(q) || f.name.toLowerCase().includes(q)) : writable;
  const chosen = new Set(selected);
  const unknown = selected.filter((s) => !writable.some((f) => f.name === s));
  const toggle = (name: string, on: boolean) =>
    onChange({ fields: on ? [...selected, name] : selected.filter((s) => s !== name), keyField: keyField === name && on ? undefined : keyField });

  return (
    <div className="flex flex-col gap-3">
      <FormField label={`${module} key field`} description="A text field (usually a custom cf_… field) that stores Switchboard's id, so a retried create never duplicates a record.">
        <NativeSelect
          value={keyField ?? ""}
          onChange={(e) => onChange({ fields: selected.filter((s) => s !== e.target.value), keyField: e.target.value || undefined })}
          placeholder="None"
          options={writable.filter((f) => KEY_TYPES.has(f.type)).map((f) => ({ value: f.name, label: `${f.label} (${f.name})` }))}
        />
      </FormField>
      <FormField label={`Find a ${module} field`} hideLabel>
        <Input type="search" placeholder={`Filter ${writable.length} writable ${module} fields`} value={filter} onChange={(e) => setFilter(e.target.value)} />
      </FormField>
      {unknown.length ? (
        <p role="alert" className="text-sm text-danger">
          Not writable in this CRM: {unknown.join(", ")}. Untick them or pick other fields.
        </p>
      ) : null}
      <ul aria-label={`${module} fields`} className="grid max-h-72 gap-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
        {shown.map((f) => (
          <li key={f.name}>
            <FormField
              layout="inline"
              label={
                <span className="break-all">
                  {f.label} <span className="text-xs text-muted-foreground">{f.name} · {f.type}{f.mandatory ? " · required" : ""}</span>
                </span>
              }
            >
              <Checkbox checked={chosen.has(f.name)} disabled={f.name === keyField} onCheckedChange={(c) => toggle(f.name, c === true)} />
            </FormField>
          </li>
        ))}
        {shown.length === 0 ? <li className="text-sm text-muted-foreground">No field matches “{filter}”.</li> : null}
      </ul>
    </div>
  );
}
