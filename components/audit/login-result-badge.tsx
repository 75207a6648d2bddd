import { Badge } from "@/components/ui/badge";
import type { LoginEventKindValue, LoginFailureReasonValue, LoginResultValue } from "@/lib/validators/audit";
import { KIND_LABELS, REASON_LABELS } from "./labels";

/** Success / the failure's reason, coloured, with the text always saying it. */
export function LoginResultBadge({
  result,
  reason,
  kind,
}: {
  result: LoginResultValue;
  reason: LoginFailureReasonValue | null;
  kind: LoginEventKindValue;
}) {
  if (result === "SUCCESS") {
    return <Badge variant={kind === "SIGN_IN" ? "success" : "secondary"}>{kind === "SIGN_IN" ? "Success" : KIND_LABELS[kind]}</Badge>;
  }
  return (
    <Badge variant={reason === "RATE_LIMITED" ? "warning" : "danger"}>
      <span className="sr-only">Failure: </span>
      {reason ? REASON_LABELS[reason] : "Failure"}
    </Badge>
  );
}
