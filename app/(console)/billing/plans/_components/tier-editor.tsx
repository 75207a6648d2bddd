"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

export interface TierRow {
  from: string;
  /** "" = open-ended (only the last tier). */
  to: string;
  unitPrice: string;
  flatFee: string;
}

/**
 * Edits a price ladder. Each tier covers (from, to]; the next tier starts
 * where the previous one ends, and the last one is open-ended. Problems
 * (from the shared chargeSchema) are shown next to the field they are about.
 */
export function TierEditor({
  tiers,
  onChange,
  errors,
  unitBatch,
}: {
  tiers: TierRow[];
  onChange: (tiers: TierRow[]) => void;
  /** Messages by path: "tiers.1.from", "tiers.0.unitPrice", "tiers". */
  errors: Record<string, string[]>;
  unitBatch: string;
}) {
  const set = (index: number, patch: Partial<TierRow>) => {
    const next = tiers.map((t, i) => (i === index ? { ...t, ...patch } : t));
    // Keep the ladder contiguous: a changed end moves the next tier's start with it.
    if (patch.to !== undefined && next[index + 1]) next[index + 1] = { ...next[index + 1]!, from: patch.to };
    onChange(next);
  };
  const add = () => {
    const last = tiers[tiers.length - 1];
    if (!last) return onChange([{ from: "0", to: "", unitPrice: "", flatFee: "" }]);
    // The old last tier gets an end (twice its start, or 1000) so the new one can follow it.
    const end = last.to || String(Math.max(1000, Number(last.from || "0") * 2));
    onChange([...tiers.slice(0, -1), { ...last, to: end }, { from: end, to: "", unitPrice: "", flatFee: "" }]);
  };
  const remove = (index: number) => {
    const next = tiers.filter((_, i) => i !== index);
    if (next.length > 0) next[next.length - 1] = { ...next[next.length - 1]!, to: "" };
    if (next[index] && index > 0) next[index] = { ...next[index]!, from: next[index - 1]!.to };
    onChange(next);
  };
  const fieldError = (i: number, field: keyof TierRow) => errors[`tiers.${i}.${field}`]?.join(" ");
  const batch = unitBatch && unitBatch !== "1" ? ` per ${unitBatch}` : " per unit";

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Tiers</legend>
      <p className="text-xs text-muted-foreground">
        Quantities after the included quota. A tier covers quantities above its start up to and including its end; leave the last tier&apos;s end empty.
      </p>
      {errors.tiers ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {errors.tiers.join(" ")}
        </p>
      ) : null}
      <ol className="space-y-3">
        {tiers.map((tier, i) => {
          const isLast = i === tiers.length - 1;
          return (
            <li key={i} className="rounded-md border p-3" aria-label={`Tier ${i + 1}`}>
              <div className="mb-2 flex items-center justify-between">
                <span className="text-sm font-medium">Tier {i + 1}</span>
                <Button type="button" size="sm" variant="ghost" onClick={() => remove(i)} disabled={tiers.length === 1} aria-label={`Remove tier ${i + 1}`}>
                  <Trash2 aria-hidden />
                </Button>
              </div>
              <div className="grid gap-3 sm:grid-cols-4">
                {(
                  [
                    ["from", "From (above)", "0"],
                    ["to", isLast ? "To (empty = no end)" : "To (up to)", isLast ? "∞" : ""],
                    ["unitPrice", `Price${batch}`, "0.10"],
                    ["flatFee", "Flat fee", "0"],
                  ] as const
                ).map(([field, label, placeholder]) => {
                  const message = fieldError(i, field);
                  const id = `tier-${i}-${field}`;
                  return (
                    <div key={field} className="grid gap-1">
                      <label htmlFor={id} className="text-xs text-muted-foreground">
                        {label}
                      </label>
                      <Input
                        id={id}
                        inputMode="decimal"
                        value={tier[field]}
                        placeholder={placeholder}
                        readOnly={field === "from" && i > 0}
                        aria-invalid={message ? true : undefined}
                        aria-describedby={message ? `${id}-error` : undefined}
                        className={cn(field === "from" && i > 0 && "bg-muted")}
                        onChange={(e) => set(i, { [field]: e.target.value })}
                      />
                      {message ? (
                        <span id={`${id}-error`} role="alert" className="text-xs font-medium text-danger">
                          {message}
                        </span>
                      ) : null}
                    </div>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="outline" size="sm" onClick={add}>
        <Plus aria-hidden />
        Add tier
      </Button>
    </fieldset>
  );
}
