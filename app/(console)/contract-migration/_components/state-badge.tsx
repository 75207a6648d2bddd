import { Badge } from "@/components/ui/badge";

const LOOK: Record<string, { label: string; variant: "secondary" | "success" | "info" | "warning" | "danger" | "outline" }> = {
  pending: { label: "To do", variant: "outline" },
  archived: { label: "Archived", variant: "success" },
  transferred: { label: "Transferred", variant: "success" },
  would_archive: { label: "Would archive", variant: "info" },
  would_transfer: { label: "Would transfer", variant: "info" },
  skipped: { label: "Skipped", variant: "secondary" },
  failed: { label: "Failed", variant: "danger" },
};

/** An item's state in words. */
export function StateBadge({ state }: { state: string }) {
  const look = LOOK[state] ?? { label: state, variant: "outline" as const };
  return <Badge variant={look.variant}>{look.label}</Badge>;
}
