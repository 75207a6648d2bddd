import { Badge } from "@/components/ui/badge";
import {
  ESCALATION_LEVEL_INFO,
  SLA_STATE_INFO,
  TICKET_PRIORITY_INFO,
  TICKET_STATUS_INFO,
  type BadgeTone,
  type EscalationLevel,
  type SlaState,
  type TicketPriority,
  type TicketStatus,
} from "@/lib/helpdesk/constants";

/** Domain tones → the kit's badge variants. */
export const TONE_VARIANT: Record<BadgeTone, "secondary" | "info" | "success" | "warning" | "danger"> = {
  neutral: "secondary",
  info: "info",
  success: "success",
  warning: "warning",
  danger: "danger",
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const info = TICKET_STATUS_INFO[status];
  return <Badge variant={TONE_VARIANT[info.tone]} data-testid="ticket-status">{info.label}</Badge>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const info = TICKET_PRIORITY_INFO[priority];
  return <Badge variant={TONE_VARIANT[info.tone]}>{info.label}</Badge>;
}

export function SlaBadge({ state }: { state: SlaState | "inactive" }) {
  if (state === "inactive") return <Badge variant="outline">Not running</Badge>;
  const info = SLA_STATE_INFO[state];
  return <Badge variant={TONE_VARIANT[info.tone]}>SLA: {info.label}</Badge>;
}

export function EscalationBadge({ level }: { level: EscalationLevel }) {
  const info = ESCALATION_LEVEL_INFO[level];
  return <Badge variant={TONE_VARIANT[info.tone]}>{info.code}</Badge>;
}
