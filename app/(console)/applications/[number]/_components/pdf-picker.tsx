"use client";

import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { postForm } from "./post-form";

type Check = { state: "none" } | { state: "checking" } | { state: "ok"; pageCount: number } | { state: "error"; message: string };

/**
 * A PDF file input that asks the server to check the file as soon as it is
 * picked, then shows the page count next to the name (or why it was refused).
 * A PDF shorter than the complete form gets a hint that does not block.
 */
export function PdfPicker({
  label,
  kind,
  file,
  onFile,
  formPageCount,
  required,
  error,
}: {
  label: string;
  kind: "original" | "signedPages" | "source";
  file: File | null;
  onFile: (file: File | null) => void;
  formPageCount?: number;
  required?: boolean;
  error?: string | null;
}) {
  const id = useId();
  const [check, setCheck] = useState<Check>({ state: "none" });

  async function pick(next: File | null) {
    onFile(next);
    if (!next) return setCheck({ state: "none" });
    setCheck({ state: "checking" });
    const body = new FormData();
    body.set("file", next);
    body.set("label", kind === "signedPages" ? "signedPages" : "original");
    const result = await postForm<{ pageCount: number }>("/api/applications/inspect", body);
    setCheck(result.ok ? { state: "ok", pageCount: result.data.pageCount } : { state: "error", message: result.message });
  }

  const message = error ?? (check.state === "error" ? check.message : null);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>
        {label}
        {required ? <span aria-hidden className="text-danger"> *</span> : null}
      </Label>
      <Input
        id={id}
        type="file"
        accept="application/pdf,.pdf"
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-status`}
        onChange={(e) => void pick(e.target.files?.[0] ?? null)}
      />
      <div id={`${id}-status`} aria-live="polite" className="text-sm">
        {file && check.state === "checking" ? <span className="text-muted-foreground">Checking {file.name}…</span> : null}
        {file && check.state === "ok" ? (
          <span data-testid={`${kind}-page-count`}>
            {file.name} <span className="text-muted-foreground">({check.pageCount} {check.pageCount === 1 ? "page" : "pages"})</span>
          </span>
        ) : null}
        {file && check.state === "ok" && formPageCount && check.pageCount < formPageCount ? (
          <p className="text-warning-subtle-foreground" data-testid={`${kind}-short-hint`}>
            Only {check.pageCount} of the form’s {formPageCount} pages: check nothing is missing. You can still continue.
          </p>
        ) : null}
        {message ? (
          <p className="text-danger" role="alert">
            {message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
