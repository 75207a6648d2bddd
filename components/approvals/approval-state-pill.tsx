import { Check, Hourglass, X, type LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { approvalPill } from "@/lib/approvals/approval-pill";
import { cn } from "@/lib/utils";

export interface ApprovalStatePillProps {
  state: string | null | undefined;
  ownerName: string;
  className?: string;
}

// Icons, not emoji: they take the badge's colour and render the same on every platform.
const ICONS: Record<"pending" | "approved" | "rejected", LucideIcon> = { pending: Hourglass, approved: Check, rejected: X };

/** Amber "Awaiting approval from …", green "Approved by …", red "Rejected by …", each with its icon; nothing otherwise. */
export function ApprovalStatePill({ state, ownerName, className }: ApprovalStatePillProps) {
  const pill = approvalPill(state, ownerName);
  if (!pill) return null;
  const Icon = ICONS[pill.state];
  return (
    <Badge variant={pill.tone} className={cn("max-w-full truncate", className)} data-testid="approval-state-pill" data-state={pill.state}>
      <Icon aria-hidden className="size-3 shrink-0" />
      {pill.text}
    </Badge>
  );
}
