"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSignature } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ApplicationStatusBadge } from "@/components/applications/application-status-badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS, type ApplicationStatusValue } from "@/lib/applications/application-status";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/utils";

export function InboxApplicationsList() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<ApplicationStatusValue | "">("");
  const list = useQuery(trpc.applications.inboxList.queryOptions({ page, pageSize: 25, search: search.trim() || undefined, status: status || undefined }));

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "number",
      header: "Application",
      cell: (r) => (
        <Link href={`/my-tickets/applications/${r.number}`} className="font-medium text-primary underline-offset-2 hover:underline">
          {r.number}
        </Link>
      ),
    },
    { id: "applicant", header: "Applicant", cell: (r) => r.applicantName },
    { id: "program", header: "Program", cell: (r) => r.program },
    { id: "status", header: "Status", cell: (r) => <ApplicationStatusBadge status={r.status} /> },
    { id: "updated", header: "Updated", cell: (r) => formatDateTime(r.updatedAt), className: "whitespace-nowrap" },
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          type="search"
          aria-label="Search applications"
          placeholder="Search number, applicant, program"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className="sm:max-w-xs"
        />
        <NativeSelect
          aria-label="Filter by status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as ApplicationStatusValue | "");
            setPage(1);
          }}
          options={[{ value: "", label: "Any status" }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))]}
          className="sm:max-w-56"
        />
      </div>
      <DataTable
        label="Applications"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={FileSignature} title="No applications" description="Applications our team handles for you will appear here." />}
      />
    </div>
  );
}
