"use client";

import { NativeSelect } from "@/components/ui/native-select";
import {
  SLA_STATES,
  SLA_STATE_INFO,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_INFO,
  TICKET_STATUSES,
  TICKET_STATUS_INFO,
  TICKET_TYPES,
  TICKET_TYPE_INFO,
} from "@/lib/helpdesk/constants";
import { ACTIVE_STATUSES_PARAM, DEFAULT_TICKET_SORT } from "@/lib/helpdesk/list-params";

/** Address keys of the filters (what "Filters (n)" counts). */
export const FILTER_KEYS = ["status", "assignee", "team", "priority", "type", "org", "sla", "sort"] as const;

const SORTS = [
  { value: DEFAULT_TICKET_SORT, label: "Queue: breached, then SLA due" },
  { value: "updatedAt:desc", label: "Last updated" },
  { value: "createdAt:desc", label: "Newest first" },
  { value: "dueAt:asc", label: "SLA due soonest" },
  { value: "priority:desc", label: "Priority, highest first" },
];

export interface TicketFiltersProps {
  params: URLSearchParams | { get(key: string): string | null };
  setParam: (changes: Record<string, string | null>) => void;
  options?: {
    organisations: readonly { id: string; label: string; name: string }[];
    teams: readonly { id: string; name: string }[];
    staff: readonly { id: string; name: string | null; email: string }[];
  };
}

/** The ticket list's filter selects (inline on wide screens, in the filter sheet on phones). */
export function TicketFilters({ params, setParam, options }: TicketFiltersProps) {
  const sort = params.get("sort") ?? DEFAULT_TICKET_SORT;
  return (
    <>
      <NativeSelect
        aria-label="Assignee"
        value={params.get("assignee") ?? ""}
        onChange={(e) => setParam({ assignee: e.target.value })}
        options={[
          { value: "", label: "Anyone's" },
          { value: "me", label: "Mine" },
          { value: "none", label: "Unassigned" },
          ...(options?.staff ?? []).map((s) => ({ value: s.id, label: s.name ?? s.email })),
        ]}
      />
      <NativeSelect
        aria-label="Team"
        value={params.get("team") ?? ""}
        onChange={(e) => setParam({ team: e.target.value })}
        options={[
          { value: "", label: "Every team" },
          { value: "none", label: "No team" },
          ...(options?.teams ?? []).map((t) => ({ value: t.id, label: t.name })),
        ]}
      />
      <NativeSelect
        aria-label="Status"
        value={params.get("status") ?? ACTIVE_STATUSES_PARAM}
        onChange={(e) => setParam({ status: e.target.value === ACTIVE_STATUSES_PARAM ? null : e.target.value })}
        options={[
          { value: ACTIVE_STATUSES_PARAM, label: "Active statuses" },
          { value: "any", label: "Any status" },
          ...TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_INFO[s].label })),
        ]}
      />
      <NativeSelect
        aria-label="Priority"
        value={params.get("priority") ?? ""}
        onChange={(e) => setParam({ priority: e.target.value })}
        options={[{ value: "", label: "Any priority" }, ...[...TICKET_PRIORITIES].reverse().map((p) => ({ value: p, label: TICKET_PRIORITY_INFO[p].label }))]}
      />
      <NativeSelect
        aria-label="SLA state"
        value={params.get("sla") ?? ""}
        onChange={(e) => setParam({ sla: e.target.value })}
        options={[{ value: "", label: "Any SLA state" }, ...SLA_STATES.map((s) => ({ value: s, label: SLA_STATE_INFO[s].label }))]}
      />
      <NativeSelect
        aria-label="Sort"
        value={SORTS.some((s) => s.value === sort) ? sort : ""}
        onChange={(e) => setParam({ sort: e.target.value === DEFAULT_TICKET_SORT ? null : e.target.value })}
        options={[...(SORTS.some((s) => s.value === sort) ? [] : [{ value: "", label: "Column sort" }]), ...SORTS]}
      />
      <NativeSelect
        aria-label="Type"
        value={params.get("type") ?? ""}
        onChange={(e) => setParam({ type: e.target.value })}
        options={[{ value: "", label: "Any type" }, ...TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_INFO[t].label }))]}
      />
      <NativeSelect
        aria-label="Organisation"
        value={params.get("org") ?? ""}
        onChange={(e) => setParam({ org: e.target.value })}
        options={[{ value: "", label: "Any organisation" }, ...(options?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))]}
      />
    </>
  );
}
