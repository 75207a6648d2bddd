import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn, formatNumber } from "@/lib/utils";
import { Button } from "./button";

/** Server-driven paging: which 1-based page is shown, its size, and how many rows exist in all. */
export interface PageState {
  page: number;
  pageSize: number;
  total: number;
}

/** Where a page sits in the whole list. `from`/`to` are 1-based row numbers (0 when the page is empty). */
export interface PageRange {
  from: number;
  to: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Works out the rows a page covers and whether there are pages either side of it. */
export function getPageRange({ page, pageSize, total }: PageState): PageRange {
  const size = Math.max(1, Math.floor(pageSize));
  const current = Math.max(1, Math.floor(page));
  const count = Math.max(0, Math.floor(total));
  const pageCount = Math.max(1, Math.ceil(count / size));
  const first = (current - 1) * size + 1;
  const empty = first > count;
  return {
    from: empty ? 0 : first,
    to: empty ? 0 : Math.min(current * size, count),
    pageCount,
    hasPrevious: current > 1,
    hasNext: current < pageCount,
  };
}

/** "Showing 1–25 of 1,234"; "No results" for an empty list; "Showing 0 of 40" past the last page. */
export function describePageRange(state: PageState): string {
  const { from, to } = getPageRange(state);
  if (state.total <= 0) return "No results";
  if (from === 0) return `Showing 0 of ${formatNumber(state.total)}`;
  return `Showing ${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(state.total)}`;
}

export interface PaginationProps extends PageState {
  /** Called with the page to show; without it only the range text is rendered. */
  onPageChange?: (page: number) => void;
  /** Disables both buttons, e.g. while the next page loads. */
  disabled?: boolean;
  className?: string;
}

/**
 * "Showing 26–50 of 1,234" with Previous / Next buttons. The range text is a
 * polite live region, so screen reader users hear where a page turn landed.
 */
export function Pagination({ page, pageSize, total, onPageChange, disabled = false, className }: PaginationProps) {
  const range = getPageRange({ page, pageSize, total });
  return (
    <nav
      data-slot="pagination"
      aria-label="Pagination"
      className={cn("flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm", className)}
    >
      <p aria-live="polite" className="text-muted-foreground tabular-nums">
        {describePageRange({ page, pageSize, total })}
      </p>
      {onPageChange ? (
      <div className="flex items-center gap-2">
        <span className="hidden text-muted-foreground tabular-nums sm:inline">
          Page {formatNumber(Math.max(1, page))} of {formatNumber(range.pageCount)}
        </span>
        <Button
          variant="outline"
          size="sm"
          disabled={disabled || !range.hasPrevious}
          onClick={() => onPageChange?.(Math.min(page - 1, range.pageCount))}
        >
          <ChevronLeft aria-hidden />
          Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={disabled || !range.hasNext}
          onClick={() => onPageChange?.(page + 1)}
        >
          Next
          <ChevronRight aria-hidden />
        </Button>
      </div>
      ) : null}
    </nav>
  );
}
