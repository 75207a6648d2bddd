import { FileText } from "lucide-react";

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  original: "Original application",
  signed_pages: "Signed pages (separate file)",
  signing_source: "Sent for remote signing",
  signed_copy: "Remotely signed copy",
};

export interface DocumentEntry {
  id: string;
  kind: string;
  filename: string;
  pageCount: number;
  sizeBytes: number;
  createdAt: Date;
}

/** The stored PDFs with their page counts; each downloads through the scoped document route. */
export function ApplicationDocuments({ documents }: { documents: readonly DocumentEntry[] }) {
  if (documents.length === 0) return <p className="text-sm text-muted-foreground">No documents yet.</p>;
  return (
    <ul className="space-y-2" aria-label="Documents">
      {documents.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <FileText className="size-4 text-muted-foreground" aria-hidden />
          <a className="font-medium break-all text-primary underline-offset-2 hover:underline" href={`/api/applications/documents/${d.id}`}>
            {d.filename}
          </a>{" "}
          <span className="text-muted-foreground">
            ({d.pageCount} {d.pageCount === 1 ? "page" : "pages"}) · {DOCUMENT_KIND_LABELS[d.kind] ?? d.kind}
          </span>
        </li>
      ))}
    </ul>
  );
}
