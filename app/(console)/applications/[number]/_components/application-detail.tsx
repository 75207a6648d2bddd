"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApplicationDocuments } from "@/components/applications/application-documents";
import { ApplicationStatusBadge } from "@/components/applications/application-status-badge";
import { ApplicationTrail } from "@/components/applications/application-trail";
import { SectionCard } from "@/components/applications/section-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/use-toast";
import { APPLICATION_STATUS_LABELS, RECEIVABLE_STATUSES, STATUS_MOVES, formatPages, type ApplicationStatusValue } from "@/lib/applications/application-status";
import { useTRPC } from "@/lib/trpc/react";
import type { ApplicationDetail } from "@/server/applications/get-application";
import { ReceivedWizard } from "./received-wizard";
import { SigningRequests } from "./signing-requests";

/** Everything about one application: status and moves, documents, signing requests, trail. */
export function ApplicationDetailView({ initial }: { initial: ApplicationDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.applications.get.queryOptions({ number: initial.number }), initialData: initial });
  const app = query.data;
  const [wizardOpen, setWizardOpen] = useState(false);
  const [gateError, setGateError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
  const move = useMutation(
    trpc.applications.changeStatus.mutationOptions({
      onSuccess: (r) => {
        setGateError(null);
        toast({ title: `Status: ${APPLICATION_STATUS_LABELS[r.status]}`, variant: "success" });
        void refresh();
      },
      onError: (e) => setGateError(e.message),
    }),
  );
  const status = app.status as ApplicationStatusValue;
  const moves = STATUS_MOVES[status] ?? [];
  const receivable = RECEIVABLE_STATUSES.includes(status);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2">
              Status <ApplicationStatusBadge status={app.status} />
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">Signed pages ({formatPages(app.signaturePages)})</dt>
                <dd data-testid="has-signed-pages">{app.hasSignedPages ? "Yes" : "Not yet"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Pages inside the original</dt>
                <dd>{app.signedPagesInOriginal ? "Yes (bundled)" : "No"}</dd>
              </div>
              {app.reference ? (
                <div>
                  <dt className="text-muted-foreground">Reference</dt>
                  <dd>{app.reference}</dd>
                </div>
              ) : null}
              {app.ticketNumber ? (
                <div>
                  <dt className="text-muted-foreground">Ticket</dt>
                  <dd>
                    <Link className="text-primary underline-offset-2 hover:underline" href={`/tickets/${app.ticketNumber}`}>
                      {app.ticketNumber}
                    </Link>
                  </dd>
                </div>
              ) : null}
            </dl>
            {gateError ? (
              <Alert variant="danger" title="Not moved">
                {gateError}
              </Alert>
            ) : null}
            <div className="flex flex-wrap gap-2">
              {receivable ? <Button onClick={() => setWizardOpen(true)}>Mark application received</Button> : null}
              {moves.map((to) => (
                <Button key={to} variant="outline" loading={move.isPending && move.variables?.to === to} onClick={() => move.mutate({ id: app.id, to })}>
                  {to === "closed" ? "Close case" : `Mark ${APPLICATION_STATUS_LABELS[to].toLowerCase()}`}
                </Button>
              ))}
            </div>
          </CardContent>
        </Card>
        <SectionCard title="Documents">
          <ApplicationDocuments documents={app.documents} />
        </SectionCard>
        <SigningRequests app={app} onChanged={refresh} />
      </div>
      <SectionCard title="Trail">
        <ApplicationTrail events={app.events} />
      </SectionCard>
      <ReceivedWizard app={app} open={wizardOpen} onOpenChange={setWizardOpen} onDone={refresh} />
    </div>
  );
}
