import { Badge } from "@/components/ui/badge";
import { HOUR_CARD_STATUS_LABELS, type HourCardStatusValue } from "@/lib/validators/hour-cards";

const VARIANT: Record<HourCardStatusValue, "success" | "warning" | "secondary" | "danger"> = {
  active: "success",
  used_up: "warning",
  expired: "danger",
  closed: "secondary",
};

export function CardStatusBadge({ status }: { status: HourCardStatusValue }) {
  return <Badge variant={VARIANT[status]}>{HOUR_CARD_STATUS_LABELS[status]}</Badge>;
}
