"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { useState } from "react";
import { SyncStatusBadge } from "@/components/crm/sync-status";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/use-toast";
import { ROLE_LABELS, type AppRole } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";
import type { CrmLinkStatusValue } from "@/lib/validators/crm";

/**
 * Provider staff and their CRM accounts: "Sync to Vtiger" for staff without
 * one (a new password is set in both systems and shown once), disable/enable
 * mirrored to the CRM, and password resets applied to both.
 */
export function StaffPanel({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = useQuery({ ...trpc.crm.staff.list.queryOptions(), refetchInterval: 4000 });
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.crm.staff.pathKey() });
  const onError = (e: { message: string }) => toast({ title: "Could not do that", description: e.message, variant: "error" });
  const sync = useMutation(trpc.crm.staff.syncToCrm.mutationOptions({ onSuccess: () => void invalidate(), onError }));
  const setActive = useMutation(trpc.crm.staff.setActive.mutationOptions({ onSuccess: () => void invalidate(), onError }));
  const reset = useMutation(trpc.crm.staff.resetPassword.mutationOptions({ onSuccess: () => void invalidate(), onError }));

  if (staff.isLoading) return <Skeleton className="h-48" />;
  return (
    <div className="flex flex-col gap-4">
      {shown ? (
        <Alert variant="warning" title={`New password for ${shown.email}`} action={<Button size="sm" variant="outline" onClick={() => setShown(null)}>Done</Button>}>
          <p>Set in Switchboard and queued for the CRM. Give it to them now: it is not shown again.</p>
          <code className="mt-1 block select-all text-sm" data-testid="generated-password">{shown.password}</code>
        </Alert>
      ) : null}
      <div className="overflow-x-auto">
        <Table aria-label="Staff accounts">
          <TableHeader>
            <TableRow>
              <TableHead>Staff member</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Here</TableHead>
              <TableHead>In the CRM</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(staff.data ?? []).map((u) => {
              const link = u.links.find((l) => l.connectionId === connectionId);
              const linked = Boolean(link?.externalId);
              return (
                <TableRow key={u.id}>
                  <TableCell>
                    <span className="flex flex-col">
                      <span className="font-medium">{u.name ?? u.email}</span>
                      <span className="text-xs text-muted-foreground">{u.email}</span>
                    </span>
                  </TableCell>
                  <TableCell>{ROLE_LABELS[u.role as AppRole] ?? u.role}</TableCell>
                  <TableCell>
                    <Badge variant={u.active ? "success" : "secondary"}>{u.active ? "Active" : "Disabled"}</Badge>
                  </TableCell>
                  <TableCell>
                    {link ? (
                      <span className="flex flex-col gap-1">
                        <span className="flex items-center gap-2">
                          <SyncStatusBadge status={link.status as CrmLinkStatusValue} />
                          {link.remoteUrl ? (
                            <a href={link.remoteUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-primary hover:underline">
                              Open <ExternalLink aria-hidden className="size-3" />
                            </a>
                          ) : null}
                        </span>
                        {link.lastError ? <span className="text-xs text-danger">{link.lastError}</span> : null}
                      </span>
                    ) : (
                      <Badge variant="secondary">Not synced</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <span className="flex flex-wrap justify-end gap-2">
                      {!linked ? (
                        <Button
                          size="sm"
                          variant="outline"
                          loading={sync.isPending && sync.variables?.userId === u.id}
                          onClick={() =>
                            sync.mutate(
                              { userId: u.id, connectionId },
                              { onSuccess: (r) => r.generatedPassword && setShown({ email: u.email, password: r.generatedPassword }) },
                            )
                          }
                        >
                          Sync to Vtiger
                        </Button>
                      ) : (
                        <Button
                          size="sm"
                          variant="outline"
                          loading={reset.isPending && reset.variables?.userId === u.id}
                          onClick={() =>
                            reset.mutate({ userId: u.id }, { onSuccess: (r) => r.generatedPassword && setShown({ email: u.email, password: r.generatedPassword }) })
                          }
                        >
                          Reset password (both)
                        </Button>
                      )}
                      <Button size="sm" variant="ghost" loading={setActive.isPending && setActive.variables?.userId === u.id} onClick={() => setActive.mutate({ userId: u.id, active: !u.active })}>
                        {u.active ? "Disable" : "Enable"}
                      </Button>
                    </span>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
