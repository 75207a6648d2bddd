"use client";

import { useQuery } from "@tanstack/react-query";
import { ConflictsPanel } from "@/components/crm/conflicts-panel";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTRPC } from "@/lib/trpc/react";
import { CallLogTable } from "./call-log-table";
import { QueueTable } from "./queue-table";
import { SyncOverview } from "./sync-overview";

function AllConflicts() {
  const trpc = useTRPC();
  const conflicts = useQuery({ ...trpc.crm.sync.conflicts.queryOptions({}), refetchInterval: 5000 });
  return <ConflictsPanel conflicts={conflicts.data ?? []} />;
}

/** The overall sync dashboard across every connection. */
export function IntegrationsHome() {
  return (
    <Tabs defaultValue="dashboard">
      <TabsList>
        <TabsTrigger value="dashboard">Dashboard</TabsTrigger>
        <TabsTrigger value="dead">Dead letter</TabsTrigger>
        <TabsTrigger value="log">Call log</TabsTrigger>
        <TabsTrigger value="conflicts">Conflicts</TabsTrigger>
      </TabsList>
      <TabsContent value="dashboard">
        <SyncOverview />
      </TabsContent>
      <TabsContent value="dead">
        <QueueTable initialStatus="DEAD" />
      </TabsContent>
      <TabsContent value="log">
        <CallLogTable />
      </TabsContent>
      <TabsContent value="conflicts">
        <AllConflicts />
      </TabsContent>
    </Tabs>
  );
}
