"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { OwnerContactForm } from "@/components/approvals/owner-contact-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** Every client organisation's owner contact; provider admins edit them here. */
export function OwnerContactsEditor({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const contacts = useQuery(trpc.approvals.ownerContacts.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const current = contacts.data?.find((c) => c.organisationId === editing) ?? null;

  const save = useMutation(
    trpc.approvals.updateOwnerContactFor.mutationOptions({
      onSuccess: (saved) => {
        toast({ variant: "success", title: `Owner contact of ${saved.organisationLabel} saved` });
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
        setEditing(null);
      },
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Owner contacts</CardTitle>
        <CardDescription>
          The person at each client who approves work. A client&apos;s own admins can also set it in My Tickets. Without it, approval cannot be
          requested for that client.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Table aria-label="Owner contacts">
          <TableHeader>
            <TableRow>
              <TableHead>Client</TableHead>
              <TableHead>Owner</TableHead>
              <TableHead>E-mail</TableHead>
              {canEdit ? <TableHead className="text-right"><span className="sr-only">Actions</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(contacts.data ?? []).map((c) => (
              <TableRow key={c.organisationId}>
                <TableCell>
                  <span className="font-medium">{c.organisationLabel}</span> <span className="text-muted-foreground">{c.organisationName}</span>
                </TableCell>
                <TableCell>{c.ownerName ?? <Badge variant="warning">Not set</Badge>}</TableCell>
                <TableCell className="break-all">{c.ownerEmail ?? "—"}</TableCell>
                {canEdit ? (
                  <TableCell className="text-right">
                    <Button size="sm" variant="outline" onClick={() => { save.reset(); setEditing(c.organisationId); }} aria-label={`Edit owner contact of ${c.organisationLabel}`}>
                      Edit
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
      <Dialog open={Boolean(current)} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Owner contact of {current?.organisationLabel}</DialogTitle>
            <DialogDescription>Clear both fields to turn approvals off for this client.</DialogDescription>
          </DialogHeader>
          {current ? (
            <OwnerContactForm
              key={current.organisationId}
              idPrefix={`owner-${current.organisationId}`}
              initial={current}
              saving={save.isPending}
              onSave={(data) => save.mutate({ organisationId: current.organisationId, data })}
            />
          ) : null}
          {save.error ? <p className="text-sm text-danger" role="alert">{save.error.message}</p> : null}
        </DialogContent>
      </Dialog>
    </Card>
  );
}
