"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSignature, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ApplicationStatusBadge } from "@/components/applications/application-status-badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatusValue } from "@/lib/applications/application-status";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";
import { NewApplicationDialog } from "./new-application-dialog";

/** The console list: search, status and organisation filters, paging, and "New application". */
export function ApplicationsTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<ApplicationStatusValue | "">("");
  const [organisationId, setOrganisationId] = useState("");
  const [creating, setCreating] = useState(false);
  const options = useQuery(trpc.applications.options.queryOptions());
  const list = useQuery(
    trpc.applications.list.queryOptions({
      page,
      pageSize: 25,
      search: search.trim() || undefined,
      status: status || undefined,
      organisationId: organisationId || undefined,
    }),
  );

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Application",
      cell: (r) => (
        <Link href={`/applications/${r.number}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {r.number}
        </Link>
      ),
    },
    { id: "client", header: "Client", cell: (r) => r.organisationLabel },
    { id: "applicant", header: "Applicant", cell: (r) => r.applicantName },
    { id: "program", header: "Program", cell: (r) => r.program },
    { id: "status", header: "Status", cell: (r) => <ApplicationStatusBadge status={r.status} /> },
    { id: "signed", header: "Signed pages", cell: (r) => (r.hasSignedPages ? "Yes" : "Not yet") },
    { id: "updated", header: "Updated", cell: (r) => formatDateTime(r.updatedAt), className: "whitespace-nowrap" },
  ];
  const resetPage = () => setPage(1);

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <Input
          type="search"
          aria-label="Search applications"
          placeholder="Search number, applicant, program, reference"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            resetPage();
          }}
          className="sm:max-w-xs"
        />
        <NativeSelect
          aria-label="Filter by status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as ApplicationStatusValue | "");
            resetPage();
          }}
          options={[{ value: "", label: "Any status" }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))]}
          className="sm:max-w-56"
        />
        <NativeSelect
          aria-label="Filter by client"
          value={organisationId}
          onChange={(e) => {
            setOrganisationId(e.target.value);
            resetPage();
          }}
          options={[{ value: "", label: "Any client" }, ...(options.data ?? []).map((o) => ({ value: o.id, label: `${o.label} · ${o.name}` }))]}
          className="sm:max-w-56"
        />
        <Button className="sm:ml-auto" onClick={() => setCreating(true)}>
          <Plus aria-hidden /> New application
        </Button>
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
            title={search || status || organisationId ? "No applications match" : "No applications yet"}
            description={search || status || organisationId ? "Try another search or filter." : "Create one for a client to start its intake."}
          />
        }
      />
      <NewApplicationDialog open={creating} onOpenChange={setCreating} organisations={options.data ?? []} />
    </div>
  );
}
