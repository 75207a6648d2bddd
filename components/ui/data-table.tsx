"use client";

import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/lib/utils";
import { Checkbox } from "./checkbox";
import { EmptyState } from "./empty-state";
import { Pagination, type PageState } from "./pagination";
import { Skeleton } from "./skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./table";

/** One column of a DataTable. */
export interface DataTableColumn<Row> {
  /** Stable id; also the sort key sent to the server. */
  id: string;
  header: React.ReactNode;
  cell: (row: Row) => React.ReactNode;
  /** Makes the header a button that asks for this column's sort. */
  sortable?: boolean;
  /** "end" for numbers and money so digits line up. */
  align?: "start" | "center" | "end";
  /** Extra classes for this column's cells (width, wrapping). */
  className?: string;
  headerClassName?: string;
  /** The cell's label on phone cards; defaults to the header when it is text. */
  label?: string;
}

export type SortDirection = "asc" | "desc";

/** The sort the server applied, and the one the table asks for. */
export interface DataTableSort {
  id: string;
  dir: SortDirection;
}

export interface DataTableProps<Row> {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  /** Unique, stable id of a row (its key, and what selection stores). */
  getRowId: (row: Row) => string;
  /** Accessible name of the table, e.g. "Tickets". */
  label: string;
  /** The sort the rows are in; the table only displays it and asks for changes. */
  sort?: DataTableSort | null;
  /** Called with the requested sort: asc first, then toggling. */
  onSortChange?: (sort: DataTableSort) => void;
  /** Paging of the whole result set; omit for a table without pagination. */
  paging?: PageState;
  onPageChange?: (page: number) => void;
  /** Turns on row selection: a checkbox column. Ids stay selected across pages. */
  selectedIds?: readonly string[];
  onSelectionChange?: (selectedIds: string[]) => void;
  /** Names a row for its checkbox ("Select TCK-1042"); defaults to its id. */
  getRowLabel?: (row: Row) => string;
  /** Shows skeleton rows and marks the table busy. */
  loading?: boolean;
  /** Shown when there are no rows; defaults to a plain "No results". */
  empty?: React.ReactNode;
  rowClassName?: (row: Row) => string | undefined;
  className?: string;
  /** Below 768px show rows as cards (default) instead of a sideways-scrolling table. */
  cardsOnPhone?: boolean;
}

const ALIGN_CLASSES = { start: "text-left", center: "text-center", end: "text-right" } as const;
const MAX_SKELETON_ROWS = 10;

function cellLabel<Row>(column: DataTableColumn<Row>): string | undefined {
  return column.label ?? (typeof column.header === "string" ? column.header : undefined);
}

function nextSort(current: DataTableSort | null | undefined, columnId: string): DataTableSort {
  if (current?.id === columnId) return { id: columnId, dir: current.dir === "asc" ? "desc" : "asc" };
  return { id: columnId, dir: "asc" };
}

/**
 * The app's list table. Sorting and paging are server-driven: the table shows
 * the `sort` and `paging` it is given and reports what the user asks for
 * through `onSortChange` / `onPageChange`; the parent fetches and passes new
 * rows. Scrolls horizontally on narrow screens.
 */
export function DataTable<Row>({
  columns,
  rows,
  getRowId,
  label,
  sort,
  onSortChange,
  paging,
  onPageChange,
  selectedIds,
  onSelectionChange,
  getRowLabel,
  loading = false,
  empty,
  rowClassName,
  className,
  cardsOnPhone = true,
}: DataTableProps<Row>) {
  const selectable = onSelectionChange !== undefined;
  const selected = new Set(selectedIds ?? []);
  const pageIds = rows.map(getRowId);
  const selectedOnPage = pageIds.filter((id) => selected.has(id)).length;
  const allChecked: boolean | "indeterminate" =
    pageIds.length > 0 && selectedOnPage === pageIds.length ? true : selectedOnPage > 0 ? "indeterminate" : false;
  const columnCount = columns.length + (selectable ? 1 : 0);

  function toggleRow(id: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onSelectionChange?.([...next]);
  }

  function togglePage(checked: boolean) {
    const next = new Set(selected);
    for (const id of pageIds) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    onSelectionChange?.([...next]);
  }

  const skeletonCount = Math.min(paging?.pageSize ?? 5, MAX_SKELETON_ROWS);

  return (
    <div data-slot="data-table" data-cards={cardsOnPhone ? "" : undefined} className={cn("flex min-w-0 flex-col gap-3", className)}>
      <div className="rounded-lg border bg-card">
        <Table aria-label={label} aria-busy={loading || undefined}>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              {selectable ? (
                <TableHead>
                  <Checkbox
                    aria-label="Select all rows on this page"
                    checked={allChecked}
                    disabled={loading || rows.length === 0}
                    onCheckedChange={(checked) => togglePage(checked === true)}
                  />
                </TableHead>
              ) : null}
              {columns.map((column) => {
                const sorted = sort?.id === column.id ? sort.dir : null;
                const align = ALIGN_CLASSES[column.align ?? "start"];
                return (
                  <TableHead
                    key={column.id}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={cn(align, column.headerClassName)}
                  >
                    {column.sortable && onSortChange ? (
                      <button
                        type="button"
                        onClick={() => onSortChange(nextSort(sort, column.id))}
                        className={cn(
                          "-mx-1.5 inline-flex items-center gap-1 rounded-sm px-1.5 py-1 font-medium hover:text-foreground",
                          column.align === "end" && "flex-row-reverse",
                          sorted && "text-foreground",
                        )}
                      >
                        {column.header}
                        {sorted === "asc" ? (
                          <ArrowUp aria-hidden className="size-3.5" />
                        ) : sorted === "desc" ? (
                          <ArrowDown aria-hidden className="size-3.5" />
                        ) : (
                          <ChevronsUpDown aria-hidden className="size-3.5 opacity-50" />
                        )}
                      </button>
                    ) : (
                      column.header
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          </TableHeader>
          <TableBody>
            {loading ? (
              Array.from({ length: skeletonCount }, (_, index) => (
                <TableRow key={`skeleton-${index}`} data-slot="data-table-skeleton-row" className="hover:bg-transparent">
                  {Array.from({ length: columnCount }, (_, cellIndex) => (
                    <TableCell key={cellIndex}>
                      <Skeleton className={cn("h-4", selectable && cellIndex === 0 ? "size-4" : "w-full max-w-40")} />
                    </TableCell>
                  ))}
                </TableRow>
              ))
            ) : rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={columnCount} className="p-0">
                  {empty ?? <EmptyState title="No results" />}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => {
                const id = getRowId(row);
                const isSelected = selected.has(id);
                return (
                  <TableRow
                    key={id}
                    data-state={isSelected ? "selected" : undefined}
                    className={rowClassName?.(row)}
                  >
                    {selectable ? (
                      <TableCell data-select="">
                        <Checkbox
                          aria-label={`Select ${getRowLabel ? getRowLabel(row) : id}`}
                          checked={isSelected}
                          onCheckedChange={(checked) => toggleRow(id, checked === true)}
                        />
                      </TableCell>
                    ) : null}
                    {columns.map((column, index) => (
                      <TableCell
                        key={column.id}
                        data-primary={index === 0 ? "" : undefined}
                        data-label={index === 0 ? undefined : cellLabel(column)}
                        className={cn(ALIGN_CLASSES[column.align ?? "start"], column.align === "end" && "tabular-nums", column.className)}
                      >
                        {column.cell(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
      </div>
      {paging ? <Pagination {...paging} onPageChange={onPageChange} disabled={loading} /> : null}
    </div>
  );
}
