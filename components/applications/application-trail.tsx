import { formatDateTime } from "@/lib/utils";

export interface TrailEntry {
  id: string;
  headline: string;
  detail: string | null;
  note: string | null;
  actorName: string;
  createdAt: Date;
}

/** The application's trail, newest first: headline, detail line, the staff note. */
export function ApplicationTrail({ events }: { events: readonly TrailEntry[] }) {
  if (events.length === 0) return <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Trail">
      {events.map((e) => (
        <li key={e.id} className="border-l-2 border-border pl-3">
          <p className="text-sm font-medium">{e.headline}</p>
          {e.detail ? <p className="text-sm">{e.detail}</p> : null}
          {e.note ? <p className="text-sm whitespace-pre-wrap text-muted-foreground">Note: {e.note}</p> : null}
          <p className="text-xs text-muted-foreground">
            {e.actorName} · {formatDateTime(e.createdAt)}
          </p>
        </li>
      ))}
    </ol>
  );
}
