import { Alert } from "@/components/ui/alert";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";

interface SummaryRun {
  dryRun: boolean;
  archivedCount: number;
  transferredCount: number;
  minutesTransferred: number;
  skippedCount: number;
  failedCount: number;
  items: { id: string; title: string; state: string; error: string | null; reason: string | null }[];
}

/** What the run did (or, dry, would do), with every failure and skip and its reason. */
export function RunSummary({ run }: { run: SummaryRun }) {
  const failed = run.items.filter((i) => i.state === "failed");
  const skipped = run.items.filter((i) => i.state === "skipped");
  return (
    <Alert variant={run.failedCount ? "warning" : "success"} title={run.dryRun ? "Dry run complete: nothing was written" : "Migration complete"}>
      <p>
        {run.dryRun ? "Would archive" : "Archived"} {run.archivedCount} cases; {run.dryRun ? "would transfer" : "transferred"}{" "}
        {formatHours(run.minutesTransferred)} from {run.transferredCount} time logs; skipped {run.skippedCount}; failed {run.failedCount}.
      </p>
      {failed.length || skipped.length ? (
        <ul className="mt-2 list-disc pl-5">
          {failed.map((i) => (
            <li key={i.id}>
              Failed: {i.title}: {i.error}
            </li>
          ))}
          {skipped.map((i) => (
            <li key={i.id}>
              Skipped: {i.title}: {i.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
