import { ExternalLink } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { CrmLinkStatusValue } from "@/lib/validators/crm";
import { formatRelative } from "@/lib/utils";

const LABEL: Record<CrmLinkStatusValue, string> = {
  PENDING: "Pending",
  SYNCING: "Syncing",
  SYNCED: "Synced",
  FAILED: "Failed",
  REMOTE_DELETED: "Deleted in CRM",
};
const TONE: Record<CrmLinkStatusValue, "info" | "success" | "warning" | "danger" | "secondary"> = {
  PENDING: "info",
  SYNCING: "info",
  SYNCED: "success",
  FAILED: "danger",
  REMOTE_DELETED: "secondary",
};

export const SYNC_STATUS_LABELS = LABEL;

/** A record's sync state on one connection. */
export function SyncStatusBadge({ status }: { status: CrmLinkStatusValue }) {
  return <Badge variant={TONE[status]}>{LABEL[status]}</Badge>;
}

export interface SyncStateView {
  connectionId: string;
  connectionName: string;
  status: CrmLinkStatusValue;
  remoteUrl: string | null;
  lastSyncedAt: Date | string | null;
  lastError: string | null;
  openConflicts?: number;
}

/** Per connection: state, last sync, the error when it failed, and a link that opens the record in the CRM. */
export function SyncStateList({ states, compact = false }: { states: readonly SyncStateView[]; compact?: boolean }) {
  if (states.length === 0) return <span className="text-sm text-muted-foreground">Not synced</span>;
  return (
    <ul className="flex flex-col gap-2">
      {states.map((s) => (
        <li key={s.connectionId} className="flex min-w-0 flex-col gap-0.5" data-testid={`sync-state-${s.connectionId}`}>
          <span className="flex flex-wrap items-center gap-2 text-sm">
            {!compact ? <span className="font-medium">{s.connectionName}</span> : null}
            <SyncStatusBadge status={s.status} />
            {s.openConflicts ? <Badge variant="warning">{s.openConflicts} conflict(s)</Badge> : null}
            {s.remoteUrl ? (
              <a
                href={s.remoteUrl}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 text-primary underline-offset-2 hover:underline"
              >
                Open in CRM <ExternalLink aria-hidden className="size-3" />
              </a>
            ) : null}
          </span>
          {!compact ? (
            <span className="text-xs text-muted-foreground">
              {s.lastSyncedAt ? `Last synced ${formatRelative(s.lastSyncedAt)}` : "Never synced yet"}
            </span>
          ) : null}
          {s.lastError && s.status === "FAILED" ? <span className="text-xs text-danger">{s.lastError}</span> : null}
          {/* Not an error: e.g. why a pulled record was not matched to an existing one, or that the CRM deleted it. */}
          {s.lastError && s.status !== "FAILED" && !compact ? <span className="text-xs text-muted-foreground">{s.lastError}</span> : null}
        </li>
      ))}
    </ul>
  );
}
