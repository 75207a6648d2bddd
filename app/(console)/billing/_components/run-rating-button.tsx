"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Calculator } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** "Run rating now": the rating job's own work, on demand (closes ended periods, refreshes drafts). */
export function RunRatingButton({ subscriptionId }: { subscriptionId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useMutation(
    trpc.billing.invoices.runRating.mutationOptions({
      onSuccess: (result) => {
        toast({
          title: result.failed > 0 ? "Rating done, with failures" : "Rating done",
          description:
            `${result.rated} running period(s) re-rated, ${result.issued} invoice(s) issued.` +
            (result.failed > 0 ? ` ${result.failed} subscription(s) could not be rated; see the list on Billing.` : ""),
          variant: result.failed > 0 ? "error" : "success",
        });
        void queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      },
      onError: (error) => toast({ title: "Rating failed", description: error.message, variant: "error" }),
    }),
  );
  return (
    <Button onClick={() => run.mutate(subscriptionId ? { subscriptionId } : {})} loading={run.isPending}>
      <Calculator aria-hidden />
      Run rating now
    </Button>
  );
}
