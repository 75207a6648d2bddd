"use client";

import { useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { ROLE_LABELS, type AppRole } from "@/lib/auth/roles";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { useTRPC } from "@/lib/trpc/react";

/** Users with their sign-in counts; search by e-mail, name or organisation. */
export function UsersTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const [search, setSearch] = useState("");
  const list = useQuery(trpc.audit.users.list.queryOptions({ page, pageSize: 25, search: search || undefined }));

  type Row = NonNullable<typeof list.data>["rows"][number];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "user",
      header: "User",
      cell: (r) => (
        <span className="flex flex-col">
          <Link href={`/users/${r.id}`} className="text-primary underline-offset-2 hover:underline">
            {r.email}
          </Link>
          {r.name ? <span className="text-xs text-muted-foreground">{r.name}</span> : null}
        </span>
      ),
    },
    {
      id: "role",
      header: "Role",
      cell: (r) => (
        <span className="flex flex-wrap items-center gap-1">
          {r.role ? ROLE_LABELS[r.role as AppRole] : "No role"}
          {r.organisationLabel ? <Badge variant="outline">{r.organisationLabel}</Badge> : null}
          {r.disabled ? <Badge variant="danger">Disabled</Badge> : null}
        </span>
      ),
    },
    { id: "count", header: "Sign-ins", align: "end", cell: (r) => formatNumber(r.signInCount) },
    { id: "last", header: "Last sign-in", cell: (r) => (r.lastSignInAt ? formatDateTime(r.lastSignInAt) : "Never") },
  ];

  return (
    <div className="space-y-4">
      <SearchInput
        aria-label="Search users"
        placeholder="Search e-mail, name or organisation"
        value={search}
        onValueChange={firstPage(setSearch)}
        className="sm:max-w-sm"
      />
      <DataTable
        label="Users"
        columns={columns}
        rows={list.data?.rows ?? []}
        getRowId={(r) => r.id}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState icon={Users} title="No users" description={search ? "Nobody matches this search." : "No accounts yet."} />}
      />
    </div>
  );
}
