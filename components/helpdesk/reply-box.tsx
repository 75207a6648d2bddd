"use client";

import { Paperclip, X } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { ALLOWED_ATTACHMENT_CONTENT_TYPES } from "@/lib/helpdesk/attachment-rules";
import { readAttachmentFiles, type AttachmentPayload } from "./read-attachment-file";

export interface ReplyBoxProps {
  label?: string;
  placeholder?: string;
  submitLabel?: string;
  /** Extra controls beside the submit button (visibility, status). */
  extra?: React.ReactNode;
  /** Sends the reply; throw (or reject) with a message to show it under the box. */
  onSubmit: (reply: { body: string; attachments: AttachmentPayload[] }) => Promise<void>;
  /** Error from the server for the message field. */
  error?: string | null;
}

/**
 * A reply form with file attachments. Ctrl/⌘+Enter sends; the text is kept
 * when sending fails, so nothing typed is lost.
 */
export function ReplyBox({ label = "Reply", placeholder = "Write your reply…", submitLabel = "Send reply", extra, onSubmit, error }: ReplyBoxProps) {
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileHelpId = useId();

  async function submit() {
    if (body.trim() === "") {
      setProblem("Write a message first");
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const read = await readAttachmentFiles(files);
      if (!read.ok) {
        setProblem(read.error);
        return;
      }
      await onSubmit({ body, attachments: read.attachments });
      setBody("");
      setFiles([]);
      if (fileInput.current) fileInput.current.value = "";
    } catch (e) {
      setProblem(e instanceof Error ? e.message : "Could not send");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormField label={label} error={problem ?? error}>
        <Textarea
          name="body"
          value={body}
          rows={4}
          placeholder={placeholder}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </FormField>
      {files.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Files to attach">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="inline-flex items-center gap-1 rounded-md border px-2 py-1 text-xs">
              {f.name}
              <button
                type="button"
                className="rounded p-0.5 hover:bg-muted focus-visible:outline-2"
                aria-label={`Remove ${f.name}`}
                onClick={() => setFiles(files.filter((_, j) => j !== i))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <label className="inline-flex cursor-pointer items-center gap-1 rounded-md border px-3 py-1.5 text-sm hover:bg-muted focus-within:outline-2 focus-within:outline-ring">
          <Paperclip className="size-4" aria-hidden />
          Attach files
          <input
            ref={fileInput}
            type="file"
            multiple
            className="sr-only"
            aria-describedby={fileHelpId}
            accept={ALLOWED_ATTACHMENT_CONTENT_TYPES.join(",")}
            onChange={(e) => setFiles([...files, ...Array.from(e.target.files ?? [])])}
          />
        </label>
        <span id={fileHelpId} className="sr-only">
          Images, PDFs, text, CSV, JSON, ZIP and Office documents up to 10 MB each
        </span>
        {extra}
        <Button type="submit" loading={busy} className="ml-auto">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
