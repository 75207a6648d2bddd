"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSignature } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { withFirstPage } from "@/components/ui/list-filters";
import { NativeSelect } from "@/components/ui/native-select";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatusValue } from "@/lib/applications/application-status";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { ApplicationStatusBadge } from "./application-status-badge";

export interface ApplicationsListProps {
  /** console: every client, with the client filter and column; inbox: the caller's organisation, read-only. */
  scope: "console" | "inbox";
  /** Client organisations for the console's filter. */
  organisations?: ReadonlyArray<{ id: string; label: string; name: string }>;
  /** Extra toolbar content, e.g. the console's "New application" button. */
  actions?: React.ReactNode;
}

/** The applications list: search, status (and in the console, client) filters, paging. */
export function ApplicationsList({ scope, organisations = [], actions }: ApplicationsListProps) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<ApplicationStatusValue | "">("");
  const [organisationId, setOrganisationId] = useState("");
  const input = { page, pageSize: 25, search: search.trim() || undefined, status: status || undefined, organisationId: organisationId || undefined };
  const consoleList = useQuery({ ...trpc.applications.list.queryOptions(input), enabled: scope === "console" });
  const inboxList = useQuery({ ...trpc.applications.inboxList.queryOptions(input), enabled: scope === "inbox" });
  const list = scope === "console" ? consoleList : inboxList;
  const filtered = Boolean(search || status || organisationId);
  const base = scope === "console" ? "/applications" : "/my-tickets/applications";

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Application",
      cell: (r) => (
        <Link href={`${base}/${r.number}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {r.number}
        </Link>
      ),
    },
    ...(scope === "console" ? [{ id: "client", header: "Client", cell: (r: Row) => r.organisationLabel }] : []),
    { id: "applicant", header: "Applicant", cell: (r) => r.applicantName },
    { id: "program", header: "Program", cell: (r) => r.program },
    { id: "status", header: "Status", cell: (r) => <ApplicationStatusBadge status={r.status} /> },
    ...(scope === "console" ? [{ id: "signed", header: "Signed pages", cell: (r: Row) => (r.hasSignedPages ? "Yes" : "Not yet") }] : []),
    { id: "updated", header: "Updated", cell: (r) => formatDateTime(r.updatedAt), className: "whitespace-nowrap" },
  ];
  const filter = withFirstPage(setPage);

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <Input
          type="search"
          aria-label="Search applications"
          placeholder="Search number, applicant, program, reference"
          value={search}
          onChange={(e) => filter(setSearch)(e.target.value)}
          className="sm:max-w-xs"
        />
        <NativeSelect
          aria-label="Filter by status"
          value={status}
          onChange={(e) => filter(setStatus)(e.target.value as ApplicationStatusValue | "")}
          options={[{ value: "", label: "Any status" }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))]}
          className="sm:max-w-56"
        />
        {scope === "console" ? (
          <NativeSelect
            aria-label="Filter by client"
            value={organisationId}
            onChange={(e) => filter(setOrganisationId)(e.target.value)}
            options={[{ value: "", label: "Any client" }, ...organisations.map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))]}
            className="sm:max-w-56"
          />
        ) : null}
        {actions}
      </div>
      <DataTable
        label="Applications"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={FileSignature}
            title={filtered ? "No applications match" : "No applications yet"}
            description={filtered ? "Try another search or filter." : scope === "console" ? "Create one for a client to start its intake." : "Applications our team handles for you will appear here."}
          />
        }
      />
    </div>
  );
}
