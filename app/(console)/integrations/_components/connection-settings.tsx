"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { ConnectionForm, useProviderDefaults } from "./connection-form";

/** Editing a connection; disabling, enabling and deleting it (history is kept). */
export function ConnectionSettings({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const conn = useQuery(trpc.crm.connections.get.queryOptions({ id }));
  const defaults = useProviderDefaults(conn.data?.provider);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
  const update = useMutation(
    trpc.crm.connections.update.mutationOptions({
      onSuccess: () => {
        setErrors({});
        toast({ title: "Saved", variant: "success" });
        void invalidate();
      },
      onError: (e) => {
        const fe = (e.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
        setErrors(fe ?? {});
        if (!fe) toast({ title: "Could not save", description: e.message, variant: "error" });
      },
    }),
  );
  const setEnabled = useMutation(
    trpc.crm.connections.setEnabled.mutationOptions({
      onSuccess: (c) => {
        toast({ title: c.enabled ? "Connection enabled" : "Connection disabled", variant: "success" });
        void invalidate();
      },
    }),
  );
  const remove = useMutation(
    trpc.crm.connections.delete.mutationOptions({
      onSuccess: () => {
        toast({ title: "Connection deleted", description: "Its history is kept.", variant: "success" });
        void invalidate();
        router.push("/integrations");
      },
      onError: (e) => toast({ title: "Could not delete", description: e.message, variant: "error" }),
    }),
  );
  if (!conn.data || !defaults) return <Skeleton className="h-96" />;
  const c = conn.data;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h2">{c.enabled ? "Enabled" : "Disabled"}</CardTitle>
          <CardDescription>
            A disabled connection keeps its queue but neither pushes nor pulls. Deleting it stops everything and keeps its history.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          <Button variant="outline" loading={setEnabled.isPending} onClick={() => setEnabled.mutate({ id, enabled: !c.enabled })}>
            {c.enabled ? "Disable connection" : "Enable connection"}
          </Button>
          <Button variant="destructive" onClick={() => setConfirmDelete(true)}>
            Delete connection
          </Button>
        </CardContent>
      </Card>
      <ConnectionForm
        key={c.id}
        provider={c.provider}
        connectionId={c.id}
        defaults={defaults}
        initial={{
          name: c.name,
          baseUrl: c.baseUrl,
          username: c.username,
          accessKey: "",
          modules: c.modules as never,
          pullIntervalMinutes: c.pullIntervalMinutes,
          taskRoleId: c.taskRoleId ?? "",
          taskAssignMode: c.taskAssignMode === "each" ? "each" : "one",
          staffRoleId: c.staffRoleId ?? "",
          paymentSummaryWeekday: c.paymentSummaryWeekday,
          paymentSummaryHour: c.paymentSummaryHour,
          companyId: c.companyId ?? "",
        }}
        submitLabel="Save settings"
        pending={update.isPending}
        errors={errors}
        onSubmit={(v) => update.mutate({ id, data: { ...v, companyId: v.companyId || null } })}
      />
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete {c.name}?</DialogTitle>
            <DialogDescription>
              Syncing stops and waiting items go to the dead letter. Links, logs and conflicts stay in the database as history.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button variant="destructive" loading={remove.isPending} onClick={() => remove.mutate({ id })}>
              Delete
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
