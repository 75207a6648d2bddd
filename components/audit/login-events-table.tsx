"use client";

import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { PageState } from "@/components/ui/pagination";
import type { LoginEventKindValue, LoginFailureReasonValue, LoginResultValue } from "@/lib/validators/audit";
import { formatDateTime } from "@/lib/utils";
import { DEVICE_LABELS, KIND_LABELS, METHOD_LABELS, placeOf } from "./labels";
import { LoginResultBadge } from "./login-result-badge";

/** One row as the audit's lists return it. */
export interface LoginEventRow {
  id: string;
  occurredAt: Date;
  kind: LoginEventKindValue;
  method: "PASSWORD" | "MAGIC_LINK" | null;
  result: LoginResultValue;
  failureReason: LoginFailureReasonValue | null;
  login: string;
  userId: string | null;
  ip: string;
  countryCode: string | null;
  country: string | null;
  city: string | null;
  browser: string | null;
  os: string | null;
  deviceType: keyof typeof DEVICE_LABELS;
  isBot: boolean;
  geoState: "PENDING" | "DONE" | "PRIVATE" | "FAILED";
  user: { id: string; email: string; name: string | null } | null;
}

export interface LoginEventsTableProps {
  label: string;
  rows: readonly LoginEventRow[];
  loading?: boolean;
  paging?: PageState;
  onPageChange?: (page: number) => void;
  /** Hide the user column (on a user's own page). */
  hideUser?: boolean;
  emptyTitle?: string;
  emptyDescription?: string;
}

/** The login events table shared by the Login events list, the failures view and a user's page. */
export function LoginEventsTable({ label, rows, loading, paging, onPageChange, hideUser, emptyTitle, emptyDescription }: LoginEventsTableProps) {
  const columns: DataTableColumn<LoginEventRow>[] = [
    {
      id: "time",
      header: "Time (UTC)",
      cell: (r) => (
        <Link href={`/audit/${r.id}`} className="whitespace-nowrap text-primary underline-offset-2 hover:underline focus-visible:underline">
          {formatDateTime(r.occurredAt, { zone: false, seconds: true })}
        </Link>
      ),
    },
    ...(hideUser
      ? []
      : [
          {
            id: "user",
            header: "User / login",
            cell: (r: LoginEventRow) =>
              r.user ? (
                <Link href={`/users/${r.user.id}`} className="text-primary underline-offset-2 hover:underline">
                  {r.user.email}
                </Link>
              ) : (
                <span className="flex flex-col">
                  <span className="break-all">{r.login || "(empty)"}</span>
                  <span className="text-xs text-muted-foreground">No account</span>
                </span>
              ),
          },
        ]),
    {
      id: "result",
      header: "Result",
      cell: (r) => <LoginResultBadge result={r.result} reason={r.failureReason} kind={r.kind} />,
    },
    {
      id: "what",
      header: "Event",
      cell: (r) => [KIND_LABELS[r.kind], r.method ? METHOD_LABELS[r.method] : null].filter(Boolean).join(" · "),
    },
    { id: "ip", header: "IP address", cell: (r) => <span className="font-mono text-xs">{r.ip}</span> },
    { id: "place", header: "Location", cell: (r) => placeOf(r) },
    {
      id: "client",
      header: "Browser / device",
      cell: (r) => (
        <span className="flex flex-col">
          <span>{[r.browser, r.os].filter(Boolean).join(" on ") || "—"}</span>
          <span className="text-xs text-muted-foreground">{DEVICE_LABELS[r.deviceType]}</span>
        </span>
      ),
    },
  ];
  return (
    <DataTable
      label={label}
      columns={columns}
      rows={rows}
      getRowId={(r) => r.id}
      loading={loading}
      paging={paging}
      onPageChange={onPageChange}
      rowClassName={(r) => (r.result === "FAILURE" ? "bg-danger-subtle/30" : undefined)}
      empty={<EmptyState icon={ShieldCheck} title={emptyTitle ?? "No sign-in events"} description={emptyDescription ?? "Nothing matches these filters."} />}
    />
  );
}
