import { formatDateTime } from "@/lib/utils";

/** Who did what and when to an account or organisation, newest first. */
export function ActionTrail({ actions }: { actions: ReadonlyArray<{ id: string; label: string; actor: string; occurredAt: Date }> }) {
  if (actions.length === 0) return <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>;
  return (
    <ul className="space-y-1 text-sm" aria-label="Account history">
      {actions.map((a) => (
        <li key={a.id}>
          <span className="font-medium">{a.label}</span> by {a.actor} · {formatDateTime(a.occurredAt)}
        </li>
      ))}
    </ul>
  );
}
