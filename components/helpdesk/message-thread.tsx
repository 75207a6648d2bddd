import { Lock, Paperclip } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatFileSize } from "@/lib/format-file-size";
import { cn, formatDateTime } from "@/lib/utils";

export interface ThreadMessage {
  id: string;
  authorKind: string;
  authorName: string;
  authorEmail?: string | null;
  visibility?: string;
  body: string;
  createdAt: Date | string;
  attachments: { id: string; filename: string; contentType: string; sizeBytes: number }[];
}

const AUTHOR_LABEL: Record<string, string> = {
  agent: "Support",
  client_user: "Customer",
  reporter_via_link: "Via e-mail link",
  owner: "Owner",
  system: "System",
};

/**
 * A ticket's conversation, oldest first. Support messages sit on one side,
 * customer messages on the other; internal notes (console only) are marked
 * so nobody mistakes them for something the customer saw.
 */
export function MessageThread({
  messages,
  attachmentHref,
  emptyText = "No messages yet.",
}: {
  messages: readonly ThreadMessage[];
  attachmentHref: (attachmentId: string) => string;
  emptyText?: string;
}) {
  if (messages.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <ol className="space-y-4" aria-label="Messages">
      {messages.map((m) => {
        const internal = m.visibility === "internal";
        const support = m.authorKind === "agent" || m.authorKind === "system";
        return (
          <li
            key={m.id}
            data-testid="thread-message"
            data-visibility={m.visibility ?? "public"}
            className={cn(
              "rounded-lg border p-4",
              internal ? "border-warning bg-warning-subtle" : support ? "bg-card sm:mr-10" : "bg-muted sm:ml-10",
            )}
          >
            <div className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className="font-medium">{m.authorName}</span>
              <Badge variant={internal ? "warning" : support ? "info" : "secondary"}>
                {internal ? (
                  <>
                    <Lock aria-hidden /> Internal note
                  </>
                ) : (
                  (AUTHOR_LABEL[m.authorKind] ?? m.authorKind)
                )}
              </Badge>
              <time className="text-muted-foreground" dateTime={new Date(m.createdAt).toISOString()}>
                {formatDateTime(m.createdAt)}
              </time>
            </div>
            <div className="whitespace-pre-wrap break-words text-sm">{m.body}</div>
            {m.attachments.length > 0 ? (
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Attachments">
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a
                      href={attachmentHref(a.id)}
                      className="inline-flex items-center gap-1 rounded-md border bg-background px-2 py-1 text-xs text-primary hover:underline"
                    >
                      <Paperclip className="size-3" aria-hidden />
                      {a.filename} <span className="text-muted-foreground">({formatFileSize(a.sizeBytes)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
