import { Badge } from "@/components/ui/badge";

type Tone = "success" | "warning" | "danger" | "info" | "secondary" | "default" | "outline";

const TONES: Record<string, { tone: Tone; label: string }> = {
  // invoices
  draft: { tone: "secondary", label: "Draft" },
  open: { tone: "info", label: "Open" },
  paid: { tone: "success", label: "Paid" },
  void: { tone: "outline", label: "Void" },
  uncollectible: { tone: "danger", label: "Uncollectible" },
  // subscriptions
  active: { tone: "success", label: "Active" },
  past_due: { tone: "warning", label: "Past due" },
  paused: { tone: "secondary", label: "Paused" },
  cancelled: { tone: "warning", label: "Cancelled" },
  terminated: { tone: "outline", label: "Terminated" },
  // payments
  processing: { tone: "info", label: "Processing" },
  succeeded: { tone: "success", label: "Succeeded" },
  failed: { tone: "danger", label: "Failed" },
  refunded: { tone: "outline", label: "Refunded" },
  partially_refunded: { tone: "warning", label: "Partly refunded" },
  // webhook deliveries
  pending: { tone: "info", label: "Pending" },
  delivered: { tone: "success", label: "Delivered" },
  dead: { tone: "danger", label: "Dead letter" },
};

/** A coloured badge for any billing status word (invoice, subscription, payment, delivery). */
export function StatusBadge({ status }: { status: string }) {
  const known = TONES[status] ?? { tone: "secondary" as Tone, label: status };
  return <Badge variant={known.tone}>{known.label}</Badge>;
}

export function statusLabel(status: string): string {
  return TONES[status]?.label ?? status;
}
