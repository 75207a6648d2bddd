"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

export interface SavedViewsProps {
  /** The list's current query string (filters and sort). */
  currentQuery: string;
  /** Opens a view: replaces the list's query string. */
  onOpen: (query: string) => void;
}

/** Saved ticket views: pick one, save the current filters under a name (optionally shared), delete your own. */
export function SavedViews({ currentQuery, onOpen }: SavedViewsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(trpc.helpdesk.queue.views.queryOptions());
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.helpdesk.queue.views.queryKey() });
  const create = useMutation(
    trpc.helpdesk.queue.createView.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        setName("");
        setShared(false);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.helpdesk.queue.deleteView.mutationOptions({ onSuccess: refresh }));
  const current = views.data?.find((v) => v.query === currentQuery);
  const nameError = create.error ? (fieldErrorsOf(create.error).name ?? create.error.message) : undefined;

  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label="Saved view"
        className="w-auto min-w-36 max-w-56"
        value={current?.id ?? ""}
        onChange={(e) => {
          const view = views.data?.find((v) => v.id === e.target.value);
          onOpen(view ? view.query : "");
        }}
      >
        <option value="">{current ? "Default view" : "Views…"}</option>
        {views.data?.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.shared && !v.mine ? ` (by ${v.ownerName})` : v.shared ? " (shared)" : ""}
          </option>
        ))}
      </NativeSelect>
      {current?.mine ? (
        <Button variant="ghost" size="icon" aria-label={`Delete view ${current.name}`} loading={remove.isPending} onClick={() => remove.mutate({ id: current.id })}>
          <Trash2 aria-hidden />
        </Button>
      ) : null}
      <Button variant="outline" onClick={() => setOpen(true)}>
        <Bookmark aria-hidden />
        Save view
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name, query: currentQuery, shared });
            }}
            className="space-y-4"
          >
            <DialogHeader>
              <DialogTitle>Save this view</DialogTitle>
              <DialogDescription>Keeps the current filters and sort under a name. A shared view shows for every agent.</DialogDescription>
            </DialogHeader>
            <FormField label="Name" error={nameError}>
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required autoFocus />
            </FormField>
            <div className="flex items-center gap-2">
              <Checkbox id="view-shared" checked={shared} onCheckedChange={(c) => setShared(c === true)} />
              <Label htmlFor="view-shared">Share with every agent</Label>
            </div>
            <DialogFooter>
              <Button type="submit" loading={create.isPending}>
                Save view
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
