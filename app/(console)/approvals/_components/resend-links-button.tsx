"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** Re-sends a pending request's links (new tokens, expiry from now) to the owner. */
export function ResendLinksButton({ engagementId, ownerName }: { engagementId: string; ownerName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.approvals.resend.mutationOptions({
      onSuccess: (result) => {
        toast({ variant: "success", title: "Links re-sent", description: `Fresh links went to ${result.ownerEmail}; the old ones no longer work.` });
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
      },
      onError: (error) => toast({ variant: "error", title: "Could not re-send", description: error.message }),
    }),
  );
  return (
    <Button size="sm" variant="outline" loading={resend.isPending} onClick={() => resend.mutate({ engagementId })} aria-label={`Re-send links to ${ownerName}`}>
      <Send aria-hidden />
      Re-send links
    </Button>
  );
}
