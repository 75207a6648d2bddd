"use client";

import { useQuery } from "@tanstack/react-query";
import { ConflictsPanel } from "@/components/crm/conflicts-panel";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTRPC } from "@/lib/trpc/react";
import { CallLogTable } from "./call-log-table";
import { ConnectionSettings } from "./connection-settings";
import { FieldJobsList } from "./field-jobs-list";
import { FieldJobsSettings } from "./field-jobs-settings";
import { FieldMappingsEditor } from "./field-mappings-editor";
import { ImportIssuesTable } from "./import-issues-table";
import { QueueTable } from "./queue-table";
import { StaffPanel } from "./staff-panel";
import { SyncOverview } from "./sync-overview";

function Conflicts({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const conflicts = useQuery({ ...trpc.crm.sync.conflicts.queryOptions({ connectionId }), refetchInterval: 5000 });
  return <ConflictsPanel conflicts={conflicts.data ?? []} />;
}

/** One connection: its dashboard, queue, dead letter, log and conflicts; for admins also mappings, staff and settings. */
export function ConnectionTabs({ id, isAdmin, fieldJobs = false, accounting = false }: { id: string; isAdmin: boolean; fieldJobs?: boolean; accounting?: boolean }) {
  return (
    <Tabs defaultValue="dashboard">
      <TabsList>
        <TabsTrigger value="dashboard">Dashboard</TabsTrigger>
        <TabsTrigger value="queue">Queue</TabsTrigger>
        <TabsTrigger value="dead">Dead letter</TabsTrigger>
        <TabsTrigger value="log">Call log</TabsTrigger>
        <TabsTrigger value="conflicts">Conflicts</TabsTrigger>
        {fieldJobs ? <TabsTrigger value="jobs">Jobs</TabsTrigger> : null}
        {fieldJobs && isAdmin ? <TabsTrigger value="job-settings">Job settings</TabsTrigger> : null}
        {isAdmin ? <TabsTrigger value="mappings">Field mappings</TabsTrigger> : null}
        {isAdmin ? <TabsTrigger value="staff">Staff</TabsTrigger> : null}
        {isAdmin ? <TabsTrigger value="settings">Settings</TabsTrigger> : null}
      </TabsList>
      <TabsContent value="dashboard">
        <SyncOverview connectionId={id} />
      </TabsContent>
      <TabsContent value="queue">
        <QueueTable connectionId={id} />
      </TabsContent>
      <TabsContent value="dead" className="space-y-8">
        <QueueTable connectionId={id} initialStatus="DEAD" />
        {accounting ? <ImportIssuesTable connectionId={id} /> : null}
      </TabsContent>
      <TabsContent value="log">
        <CallLogTable connectionId={id} />
      </TabsContent>
      <TabsContent value="conflicts">
        <Conflicts connectionId={id} />
      </TabsContent>
      {fieldJobs ? (
        <TabsContent value="jobs">
          <FieldJobsList connectionId={id} />
        </TabsContent>
      ) : null}
      {fieldJobs && isAdmin ? (
        <TabsContent value="job-settings">
          <FieldJobsSettings connectionId={id} />
        </TabsContent>
      ) : null}
      {isAdmin ? (
        <>
          <TabsContent value="mappings">
            <FieldMappingsEditor connectionId={id} />
          </TabsContent>
          <TabsContent value="staff">
            <StaffPanel connectionId={id} />
          </TabsContent>
          <TabsContent value="settings">
            <ConnectionSettings id={id} />
          </TabsContent>
        </>
      ) : null}
    </Tabs>
  );
}
