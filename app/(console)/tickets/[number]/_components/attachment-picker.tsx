"use client";

import { Paperclip } from "lucide-react";
import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { formatFileSize } from "@/lib/format-file-size";

export interface PickableAttachment {
  id: string;
  filename: string;
  sizeBytes: number;
  /** On an internal note (agents only): sent only when the agent picks it. */
  internal: boolean;
}

/**
 * The ticket's earlier attachments as a checkbox list (Tab to move, Space to
 * tick), for choosing which go to a field job. Ones the job already has are
 * shown ticked and cannot be sent twice.
 */
export function AttachmentPicker({
  attachments,
  selected,
  onChange,
  alreadySent = [],
  error,
}: {
  attachments: readonly PickableAttachment[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  alreadySent?: readonly string[];
  error?: readonly string[];
}) {
  const baseId = useId();
  const errorId = `${baseId}-error`;
  return (
    <fieldset className="grid gap-2" aria-describedby={error?.length ? errorId : undefined} data-testid="attachment-picker">
      <legend className="mb-1 text-sm font-medium">Attachments to send</legend>
      {attachments.length === 0 ? (
        <p className="flex items-center gap-2 rounded-md border border-dashed p-3 text-sm text-muted-foreground">
          <Paperclip className="size-4 shrink-0" aria-hidden />
          This ticket has no attachments yet. Files on its replies and notes can be sent from here.
        </p>
      ) : (
        <ul className="grid max-h-56 gap-1 overflow-y-auto rounded-md border p-2">
          {attachments.map((a) => {
            const sent = alreadySent.includes(a.id);
            const id = `${baseId}-${a.id}`;
            return (
              <li key={a.id} className="flex min-w-0 items-center gap-2 rounded px-1 py-1 text-sm">
                <Checkbox
                  id={id}
                  checked={sent || selected.includes(a.id)}
                  disabled={sent}
                  onCheckedChange={(v) => onChange(v === true ? [...selected, a.id] : selected.filter((x) => x !== a.id))}
                />
                <label htmlFor={id} className="min-w-0 flex-1 truncate">
                  {a.filename}
                </label>
                <span className="shrink-0 text-xs text-muted-foreground">
                  {formatFileSize(a.sizeBytes)}
                  {a.internal ? " · internal note" : ""}
                  {sent ? " · already sent" : ""}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {error?.length ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-danger">
          {error.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
