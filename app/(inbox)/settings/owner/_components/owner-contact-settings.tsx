"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { OwnerContactForm } from "@/components/approvals/owner-contact-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** The editor for client admins, a read-only view for client users. */
export function OwnerContactSettings({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const contact = useQuery(trpc.approvals.myOwnerContact.queryOptions());
  const save = useMutation(
    trpc.approvals.updateMyOwnerContact.mutationOptions({
      onSuccess: (saved) => {
        toast({ variant: "success", title: saved.configured ? "Owner contact saved" : "Owner contact cleared" });
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.myOwnerContact.queryKey() });
      },
    }),
  );
  if (!contact.data) return null;
  const c = contact.data;

  return (
    <Card className="max-w-xl">
      <CardContent className="space-y-4 pt-6">
        {!c.configured ? (
          <Alert variant="warning">No owner contact yet: our team cannot ask for approvals until {canEdit ? "you add one" : "an admin of your organisation adds one"}.</Alert>
        ) : null}
        {canEdit ? (
          <>
            <OwnerContactForm
              key={`${c.ownerName}|${c.ownerEmail}`}
              initial={c}
              saving={save.isPending}
              serverErrors={(save.error?.data?.fieldErrors as Record<"ownerName" | "ownerEmail", string[] | undefined> | null | undefined) ?? null}
              onSave={(values) => save.mutate(values)}
            />
            {save.error && !save.error.data?.fieldErrors ? <Alert variant="danger">{save.error.message}</Alert> : null}
          </>
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Owner</dt>
            <dd>{c.ownerName ?? "—"}</dd>
            <dt className="text-muted-foreground">E-mail</dt>
            <dd className="break-all">{c.ownerEmail ?? "—"}</dd>
            <dd className="col-span-2 pt-2 text-muted-foreground">Only your organisation&apos;s admins can change this.</dd>
          </dl>
        )}
      </CardContent>
    </Card>
  );
}
