"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { CreateFieldJobDialog } from "./create-field-job-dialog";
import { SendAttachmentsDialog } from "./send-attachments-dialog";

/** While a job is being created or files wait to go, the card looks again: the work happens after the request answered. */
const WHILE_WORKING_MS = 3_000;

/**
 * The ticket's field jobs: link, number and status, what was sent, "Send
 * attachments" on the active job, and "Create field job" when no job is active
 * (none yet, or the last one failed or is over).
 */
export function FieldJobsCard({ ticketId, onChanged }: { ticketId: string; onChanged: () => unknown }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const data = useQuery({
    ...trpc.fieldJobs.forTicket.queryOptions({ ticketId }),
    refetchInterval: (query) => (query.state.data?.jobs.some((j) => j.pushState === "PENDING" || j.waiting > 0) ? WHILE_WORKING_MS : false),
  });
  const reload = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.fieldJobs.forTicket.queryKey({ ticketId }) }), onChanged()]);
  const refresh = useMutation(
    trpc.fieldJobs.refresh.mutationOptions({
      onSuccess: (r) => {
        toast({ title: r.outcome === "applied" ? "Status updated" : "No change in the job's status" });
        void reload();
      },
      onError: (e) => toast({ title: "Could not read the job", description: e.message, variant: "error" }),
    }),
  );
  if (!data.data) return null;
  const { jobs, connections, defaults, attachments } = data.data;
  // Nothing to show or offer without a field-service connection.
  if (jobs.length === 0 && connections.length === 0) return null;
  const hasActive = jobs.some((j) => j.activeKey);

  return (
    <Card data-testid="field-jobs-card">
      <CardHeader className="flex-row items-center justify-between gap-2">
        <CardTitle as="h2">Field jobs</CardTitle>
        {!hasActive ? <CreateFieldJobDialog ticketId={ticketId} connections={connections} defaults={defaults} attachments={attachments} onCreated={reload} /> : null}
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {jobs.length === 0 ? <p className="text-muted-foreground">No field job yet.</p> : null}
        {jobs.map((job) => (
          <div key={job.id} className="space-y-1 border-b pb-3 last:border-b-0 last:pb-0" data-testid="field-job">
            <div className="flex flex-wrap items-center justify-between gap-2">
              {job.remoteUrl ? (
                <a href={job.remoteUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium underline">
                  Job {job.jobNumber ?? job.remoteId} <ExternalLink className="size-3" aria-hidden />
                  <span className="sr-only">(opens {job.connectionName})</span>
                </a>
              ) : (
                <span className="font-medium">{job.pushState === "FAILED" ? "Job not created" : "Creating job…"}</span>
              )}
              <Badge variant={job.pushState === "FAILED" ? "danger" : job.activeKey ? "info" : "secondary"} data-testid="field-job-status">
                {job.pushState === "CREATED" ? job.remoteStatus : job.pushState === "FAILED" ? "Failed" : "Pending"}
              </Badge>
            </div>
            <p className="text-muted-foreground">
              {job.connectionName} · {job.siteAddress}
              {job.remoteStatusAt ? <> · status since {formatDateTime(job.remoteStatusAt)}</> : null}
              {job.pushState === "CREATED" && !job.activeKey ? " · job over" : null}
            </p>
            {job.lastError ? <p className={job.pushState === "PENDING" ? "text-muted-foreground" : "text-danger"}>{job.lastError}</p> : null}
            {job.sent + job.waiting + job.failedDeliveries > 0 ? (
              <p className="text-xs text-muted-foreground">
                {job.sent} note{job.sent === 1 ? "" : "s"}/attachment{job.sent === 1 ? "" : "s"} sent
                {job.waiting ? `, ${job.waiting} waiting` : ""}
                {job.failedDeliveries ? `, ${job.failedDeliveries} refused` : ""}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-1">
              {job.pushState === "CREATED" ? (
                <Button size="sm" variant="ghost" loading={refresh.isPending} onClick={() => refresh.mutate({ fieldJobId: job.id })}>
                  Refresh status
                </Button>
              ) : null}
              {job.activeKey ? (
                <SendAttachmentsDialog
                  fieldJobId={job.id}
                  jobLabel={job.jobNumber ? `job ${job.jobNumber}` : "the job"}
                  attachments={attachments}
                  alreadySent={job.attachmentIds}
                  onSent={reload}
                />
              ) : null}
            </div>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
