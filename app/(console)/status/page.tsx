import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatDuration } from "@/lib/utils";
import { requirePageRole } from "@/server/auth/page-guards";
import { db } from "@/server/db";
import { backgroundJobsReport } from "@/server/ops/background-jobs-report";

export const metadata: Metadata = { title: "System status" };
export const dynamic = "force-dynamic";

const QUEUE_LABELS = {
  outbox: "E-mail outbox",
  crmQueue: "CRM sync queue",
  billingWebhooks: "Billing webhooks",
  billingRating: "Usage rating (ended periods)",
  billingPayments: "Payment retries",
} as const;

const MODE_LABELS = {
  cloud: "Inngest Cloud",
  "self-hosted": "Self-hosted Inngest",
  "dev-server": "Inngest Dev Server",
  inline: "In-process only (BACKGROUND_JOBS=inline)",
  unconfigured: "No Inngest configured",
} as const;

/** Background-job health for provider admins: the same report /api/health gives a monitor. */
export default async function StatusPage() {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const report = await backgroundJobsReport(db);
  const fallbacks = Object.entries(report.inlineFallbacks);
  return (
    <div className="space-y-6">
      <PageHeader
        title="System status"
        description="Background jobs: how long work has waited in each queue, and when each schedule last ran. Monitors read the same report from /api/health."
      />
      {report.stalled.length > 0 ? (
        <Alert variant="danger" title="Background work looks stuck">
          {report.stalled.length} {report.stalled.length === 1 ? "queue or schedule is" : "queues or schedules are"} behind: check that
          Inngest reaches /api/inngest and that its keys match.
        </Alert>
      ) : (
        <Alert variant="success" title="Background work is keeping up" />
      )}
      <p className="text-sm">
        Jobs run on: <strong>{MODE_LABELS[report.mode]}</strong>
        {report.schedulesRunning ? null : " (schedules are not running)"}
      </p>

      <section aria-labelledby="queues-heading" className="space-y-2">
        <h2 id="queues-heading" className="text-lg font-semibold">Queues</h2>
        <div className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Queue</TableHead>
                <TableHead className="text-right">Due now</TableHead>
                <TableHead className="text-right">Oldest due waited</TableHead>
                <TableHead>State</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.queues.map((q) => (
                <TableRow key={q.queue}>
                  <TableCell>{QUEUE_LABELS[q.queue]}</TableCell>
                  <TableCell className="text-right tabular-nums">{q.due}</TableCell>
                  <TableCell className="text-right tabular-nums">{q.due > 0 ? formatDuration(q.oldestDueAgeSec * 1000) : "—"}</TableCell>
                  <TableCell>{q.stalled ? <Badge variant="danger">Stalled</Badge> : <Badge variant="success">OK</Badge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      <section aria-labelledby="schedules-heading" className="space-y-2">
        <h2 id="schedules-heading" className="text-lg font-semibold">Schedules</h2>
        <div className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Function</TableHead>
                <TableHead>Schedule</TableHead>
                <TableHead>Last successful run</TableHead>
                <TableHead>Last failure</TableHead>
                <TableHead>State</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.crons.map((c) => (
                <TableRow key={c.functionId}>
                  <TableCell className="font-mono text-xs">{c.functionId}</TableCell>
                  <TableCell className="font-mono text-xs">{c.cron}</TableCell>
                  <TableCell>{c.lastOkAt ? formatDateTime(c.lastOkAt) : "Never"}</TableCell>
                  <TableCell>{c.lastFailedAt ? `${formatDateTime(c.lastFailedAt)}: ${c.lastError ?? ""}` : "—"}</TableCell>
                  <TableCell>{c.stalled ? <Badge variant="danger">Late</Badge> : <Badge variant="success">OK</Badge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      <section aria-labelledby="fallbacks-heading" className="space-y-2">
        <h2 id="fallbacks-heading" className="text-lg font-semibold">Run in-process by this instance</h2>
        {fallbacks.length === 0 ? (
          <p className="text-sm text-muted-foreground">Every hand-off since this instance started went to Inngest.</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {fallbacks.map(([kind, count]) => (
              <li key={kind}>
                <span className="font-mono">{kind}</span>: {count}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
