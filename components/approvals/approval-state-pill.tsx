import { Badge } from "@/components/ui/badge";
import { approvalPill } from "@/lib/approvals/approval-pill";
import { cn } from "@/lib/utils";

export interface ApprovalStatePillProps {
  state: string | null | undefined;
  ownerName: string;
  className?: string;
}

/** Amber "⏳ Awaiting approval from …", green "✓ Approved by …", red "✗ Rejected by …"; nothing otherwise. */
export function ApprovalStatePill({ state, ownerName, className }: ApprovalStatePillProps) {
  const pill = approvalPill(state, ownerName);
  if (!pill) return null;
  return (
    <Badge variant={pill.tone} className={cn("max-w-full truncate", className)} data-testid="approval-state-pill" data-state={pill.state}>
      {pill.text}
    </Badge>
  );
}
