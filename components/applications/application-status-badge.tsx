import { Badge, type BadgeProps } from "@/components/ui/badge";
import { APPLICATION_STATUS_LABELS, type ApplicationStatusValue } from "@/lib/applications/application-status";

const VARIANTS: Record<ApplicationStatusValue, BadgeProps["variant"]> = {
  assessment_completed: "secondary",
  waiting_for_application: "warning",
  application_received: "info",
  ready_for_submission: "info",
  submitted: "default",
  approved: "success",
  denied: "danger",
  closed: "outline",
};

/** An application's status, in words (colour is never the only signal). */
export function ApplicationStatusBadge({ status }: { status: string }) {
  const value = status as ApplicationStatusValue;
  return <Badge variant={VARIANTS[value] ?? "outline"}>{APPLICATION_STATUS_LABELS[value] ?? status}</Badge>;
}
