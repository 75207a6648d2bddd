import { formatDateTime } from "@/lib/utils";

const KIND_LABEL: Record<string, string> = {
  created: "Created",
  status_changed: "Status",
  reopened: "Reopened",
  priority_changed: "Priority",
  type_changed: "Type",
  assigned: "Assignment",
  team_changed: "Team",
  fields_changed: "Fields",
  message_added: "Message",
  note_added: "Note",
  sla_paused: "SLA paused",
  sla_resumed: "SLA resumed",
  sla_due_changed: "SLA deadlines",
  sla_breached: "SLA breach",
  escalated: "Escalation",
  first_response: "First response",
  follower_added: "Follower",
  link_revoked: "Links",
};

/** The ticket's event trail, oldest first: every change with who made it and when. */
export function TicketTrail({
  events,
}: {
  events: { id: string; kind: string; summary: string; actorName: string | null; createdAt: Date | string }[];
}) {
  return (
    <ol className="relative space-y-3 border-l pl-5" aria-label="Trail">
      {events.map((e) => (
        <li key={e.id} className="relative" data-testid="trail-event" data-kind={e.kind}>
          <span
            aria-hidden
            className={`absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ${e.kind === "sla_breached" || e.kind === "escalated" ? "bg-danger" : "bg-primary"}`}
          />
          <div className="text-sm">
            <span className="font-medium">{KIND_LABEL[e.kind] ?? e.kind}:</span> {e.summary}
          </div>
          <div className="text-xs text-muted-foreground">
            {formatDateTime(e.createdAt)}
            {e.actorName ? ` · ${e.actorName}` : ""}
          </div>
        </li>
      ))}
    </ol>
  );
}
