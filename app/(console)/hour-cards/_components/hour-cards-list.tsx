"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HourCardsTable } from "@/components/hour-cards/hour-cards-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, SearchInput, withFirstPage } from "@/components/ui/list-filters";
import { HOUR_CARD_STATUSES, HOUR_CARD_STATUS_LABELS, type HourCardStatusValue } from "@/lib/validators/hour-cards";
import { useTRPC } from "@/lib/trpc/react";

const PAGE_SIZE = 25;

/** Every customer's cards, searchable by card or customer name and filtered by status. */
export function HourCardsList({ customerId }: { customerId?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<HourCardStatusValue | "">("");
  const [page, setPage] = useState(1);
  const firstPage = withFirstPage(setPage);
  const list = useQuery(
    trpc.hourCards.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, status: status || undefined, customerId }),
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <SearchInput
          aria-label="Search cards"
          placeholder="Search card or customer"
          value={search}
          onValueChange={firstPage(setSearch)}
          className="w-full sm:w-64"
        />
        <FilterSelect
          aria-label="Status"
          value={status}
          onValueChange={firstPage(setStatus)}
          allLabel="All statuses"
          values={HOUR_CARD_STATUSES}
          labelOf={(s) => HOUR_CARD_STATUS_LABELS[s]}
          className="w-full sm:w-44"
        />
      </div>
      <HourCardsTable
        label="Hour cards"
        linkCards
        showCustomer={!customerId}
        rows={list.data?.rows ?? []}
        loading={list.isLoading}
        paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
        onPageChange={setPage}
        empty={<EmptyState title="No hour cards" description={search || status ? "Nothing matches these filters." : "Cards an admin creates for a customer show here."} />}
      />
    </div>
  );
}
