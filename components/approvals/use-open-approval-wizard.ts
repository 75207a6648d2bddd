"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/react";
import type { PreparedApproval } from "./approval-types";

/**
 * Checks the rules on the server, then opens the wizard; a refusal (other
 * organisations, already pending or approved, no owner contact…) never opens
 * it and comes back as `refusal` with the server's explanation.
 */
export function useOpenApprovalWizard(mode: "single" | "bulk") {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [prepared, setPrepared] = useState<PreparedApproval | null>(null);
  const [open, setOpen] = useState(false);
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const start = async (ticketIds: string[]) => {
    setRefusal(null);
    setChecking(true);
    try {
      const result = await queryClient.fetchQuery({ ...trpc.approvals.prepare.queryOptions({ ticketIds, mode }), staleTime: 0 });
      if (result.ok) {
        setPrepared(result);
        setOpen(true);
      } else {
        setRefusal(result.message);
      }
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : "Could not check the request. Try again.");
    } finally {
      setChecking(false);
    }
  };

  return { prepared, open, setOpen, checking, refusal, clearRefusal: () => setRefusal(null), start };
}
