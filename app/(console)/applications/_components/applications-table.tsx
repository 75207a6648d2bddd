"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { ApplicationsList } from "@/components/applications/applications-list";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";
import { NewApplicationDialog } from "./new-application-dialog";

/** The console list (every client) with "New application". */
export function ApplicationsTable() {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const options = useQuery(trpc.applications.options.queryOptions());
  return (
    <>
      <ApplicationsList
        scope="console"
        organisations={options.data ?? []}
        actions={
          <Button className="sm:ml-auto" onClick={() => setCreating(true)}>
            <Plus aria-hidden /> New application
          </Button>
        }
      />
      <NewApplicationDialog open={creating} onOpenChange={setCreating} organisations={options.data ?? []} />
    </>
  );
}
