"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { FAMILY_LABEL, LEDGER_FAMILIES, type LedgerFamilyName } from "@/lib/ledger/families";
import { useTRPC } from "@/lib/trpc/react";

/** The keyword rules that pick each line's income family; the first match wins. */
export function FamilyRulesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.ledger.rules.list.queryOptions());
  const [keyword, setKeyword] = useState("");
  const [family, setFamily] = useState<LedgerFamilyName>("hosting");
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ledger.rules.pathKey() });
  const add = useMutation(
    trpc.ledger.rules.create.mutationOptions({
      onSuccess: () => {
        setKeyword("");
        setError(null);
        void refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const remove = useMutation(
    trpc.ledger.rules.delete.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => toast({ title: "Could not remove the rule", description: e.message, variant: "error" }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Family rules</CardTitle>
        <CardDescription>Lines whose description contains a keyword go to its family (proration lines by the item they name); the rest go to Other and are flagged. Rules apply to drafts on the next ingest.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ keyword, family });
          }}
        >
          <div>
            <Input aria-label="Keyword" placeholder="Keyword, e.g. ssl certificate" value={keyword} onChange={(e) => setKeyword(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? "rule-error" : undefined} />
            {error && <p id="rule-error" role="alert" className="text-danger mt-1 text-sm">{error}</p>}
          </div>
          <NativeSelect aria-label="Family" value={family} onChange={(e) => setFamily(e.target.value as LedgerFamilyName)} options={LEDGER_FAMILIES.map((f) => ({ value: f, label: FAMILY_LABEL[f] }))} />
          <Button type="submit" loading={add.isPending}>Add rule</Button>
        </form>
        {rules.data && rules.data.length === 0 ? (
          <p className="text-muted-foreground text-sm">No rules: every line goes to Other.</p>
        ) : (
          <ul className="divide-y text-sm">
            {rules.data?.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-2 py-1.5">
                <span>
                  “{r.keyword}” → {FAMILY_LABEL[r.family]}
                </span>
                <Button variant="ghost" size="sm" aria-label={`Remove the rule ${r.keyword}`} onClick={() => remove.mutate({ id: r.id })}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
