import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";

interface Item {
  kind: string;
  externalId: string;
  title: string;
  hoursText: string | null;
  minutes: number | null;
  reason: string | null;
  error: string | null;
  raw: unknown;
}

/** The CRM fields worth reading before deciding; the full record is one click away. */
const SHOWN = ["ticket_no", "ticket_title", "ticketstatus", "createdtime", "modifiedtime", "description", "solution", "subject"];

export function ItemDetails({ item }: { item: Item }) {
  const raw = (item.raw ?? {}) as Record<string, unknown>;
  const shown = SHOWN.filter((k) => raw[k] !== undefined && raw[k] !== null && raw[k] !== "");
  return (
    <div className="space-y-3">
      <p className="text-lg font-medium break-words">{item.title}</p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted-foreground">CRM id</dt>
        <dd>{item.externalId}</dd>
        {item.hoursText !== null ? (
          <>
            <dt className="text-muted-foreground">Hours in the CRM</dt>
            <dd>{item.hoursText || "(empty)"}</dd>
          </>
        ) : null}
        {item.minutes ? (
          <>
            <dt className="text-muted-foreground">Moved</dt>
            <dd>{formatHours(item.minutes)}</dd>
          </>
        ) : null}
        {shown.map((k) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="break-words whitespace-pre-wrap">{String(raw[k])}</dd>
          </div>
        ))}
        {item.reason ? (
          <>
            <dt className="text-muted-foreground">Skip reason</dt>
            <dd>{item.reason}</dd>
          </>
        ) : null}
        {item.error ? (
          <>
            <dt className="text-muted-foreground">Failed</dt>
            <dd className="text-danger">{item.error}</dd>
          </>
        ) : null}
      </dl>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground">Full CRM record</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-muted p-2 text-xs">{JSON.stringify(raw, null, 2)}</pre>
      </details>
    </div>
  );
}
