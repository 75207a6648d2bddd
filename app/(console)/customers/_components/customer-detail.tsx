"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConflictsPanel } from "@/components/crm/conflicts-panel";
import { SyncStateList } from "@/components/crm/sync-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { CustomerBilling } from "./customer-billing";
import { CustomerHourCards } from "./customer-hour-cards";
import { CustomerForm, customerToForm } from "./customer-form";

type FieldErrors = Record<string, string[] | undefined>;
const fieldErrorsOf = (e: { data?: unknown }) => (e.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors ?? {};

/** The customer's details, CRM sync state and CRM actions; billing admins also see its billing state. */
export function CustomerDetail({ id, billing, card }: { id: string; billing: boolean; card?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...trpc.customers.get.queryOptions({ id }), refetchInterval: 3000 });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [note, setNote] = useState("");
  const [task, setTask] = useState({ subject: "", dueDate: "", description: "" });
  const [taskErrors, setTaskErrors] = useState<FieldErrors>({});
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });

  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: () => {
        setErrors({});
        toast({ title: "Saved", description: "Changes are queued for the connected CRMs.", variant: "success" });
        void invalidate();
      },
      onError: (e) => {
        setErrors(fieldErrorsOf(e));
        toast({ title: "Could not save", description: e.message, variant: "error" });
      },
    }),
  );
  const addNote = useMutation(
    trpc.customers.addNote.mutationOptions({
      onSuccess: (n) => {
        setNote("");
        toast({ title: n ? "Note queued" : "Not in any CRM yet", variant: n ? "success" : "error" });
        void invalidate();
      },
      onError: (e) => toast({ title: "Could not add the note", description: e.message, variant: "error" }),
    }),
  );
  const syncNow = useMutation(
    trpc.customers.syncNow.mutationOptions({
      onSuccess: ({ queued }) => {
        toast({ title: queued ? "Sync queued" : "No CRM connection syncs customers", variant: queued ? "success" : "error" });
        void invalidate();
      },
      onError: (e) => toast({ title: "Could not start the sync", description: e.message, variant: "error" }),
    }),
  );
  const addTask = useMutation(
    trpc.customers.addTask.mutationOptions({
      onSuccess: (n) => {
        setTask({ subject: "", dueDate: "", description: "" });
        setTaskErrors({});
        toast({ title: n ? "Task queued" : "No CRM has a task role set", variant: n ? "success" : "error" });
        void invalidate();
      },
      onError: (e) => setTaskErrors(fieldErrorsOf(e)),
    }),
  );

  if (detail.isLoading) return <Skeleton className="h-64" />;
  if (!detail.data) return <p role="alert">{detail.error?.message ?? "Not found"}</p>;
  const { customer, sync, conflicts, recentItems } = detail.data;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {billing ? <CustomerBilling id={id} card={card} /> : null}
      <CustomerHourCards customerId={id} admin={billing} />
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Details</CardTitle>
          <CardDescription>Saving queues a push of the latest state to every connected CRM.</CardDescription>
        </CardHeader>
        <CardContent>
          <CustomerForm
            key={customer.updatedAt.toString()}
            initial={customerToForm(customer)}
            submitLabel="Save"
            pending={update.isPending}
            errors={errors}
            billing={billing}
            onSubmit={(data) => update.mutate({ id, data })}
          />
        </CardContent>
      </Card>
      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle as="h2">CRM sync</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <SyncStateList states={sync} />
            <Button type="button" variant="outline" size="sm" className="self-start" loading={syncNow.isPending} onClick={() => syncNow.mutate({ id })}>
              Sync now
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Note in the CRM</CardTitle>
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                addNote.mutate({ customerId: id, text: note });
              }}
            >
              <FormField label="Note" hideLabel>
                <Textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder="Write a note for the CRM record" rows={3} />
              </FormField>
              <Button type="submit" variant="outline" size="sm" loading={addNote.isPending} disabled={!note.trim()}>
                Add note
              </Button>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Follow-up task</CardTitle>
            <CardDescription>Assigned to the CRM role set on each connection.</CardDescription>
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-col gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                addTask.mutate({ customerId: id, ...task });
              }}
            >
              <FormField label="Subject" error={taskErrors.subject}>
                <Input value={task.subject} onChange={(e) => setTask({ ...task, subject: e.target.value })} />
              </FormField>
              <FormField label="Due" error={taskErrors.dueDate}>
                <Input type="date" value={task.dueDate} onChange={(e) => setTask({ ...task, dueDate: e.target.value })} />
              </FormField>
              <Button type="submit" variant="outline" size="sm" loading={addTask.isPending}>
                Create task
              </Button>
            </form>
          </CardContent>
        </Card>
      </div>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle as="h2">Conflicts</CardTitle>
          <CardDescription>Fields changed here and in the CRM since the last sync, whose rule asks a person.</CardDescription>
        </CardHeader>
        <CardContent>
          <ConflictsPanel conflicts={conflicts} showRecord={false} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Recent sync work</CardTitle>
        </CardHeader>
        <CardContent>
          {recentItems.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing queued yet.</p>
          ) : (
            <ul className="flex flex-col gap-2 text-sm">
              {recentItems.map((i) => (
                <li key={i.id} className="flex flex-col">
                  <span className="flex flex-wrap items-center gap-2">
                    <Badge variant="outline">{i.operation}</Badge>
                    <Badge variant={i.status === "SUCCEEDED" ? "success" : i.status === "DEAD" ? "danger" : i.status === "FAILED" ? "warning" : "info"}>
                      {i.status}
                    </Badge>
                    <span className="text-xs text-muted-foreground">{formatDateTime(i.createdAt)}</span>
                  </span>
                  {i.lastError ? <span className="text-xs text-danger">{i.lastError}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
