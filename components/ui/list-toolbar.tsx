"use client";

import { SlidersHorizontal } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./dialog";
import { Input } from "./input";

export interface ListToolbarProps {
  /** What the list is, e.g. "tickets": names the search region and the filter sheet. */
  noun: string;
  search: string;
  onSearchChange: (value: string) => void;
  searchPlaceholder?: string;
  /** The filter controls; inline from 768px, in a sheet below. */
  filters?: React.ReactNode;
  /** How many filters differ from the default (shown on the phone button). */
  activeFilterCount?: number;
  onClearFilters?: () => void;
  /** Buttons that stay beside the search on every width (views, export…). */
  actions?: React.ReactNode;
}

/**
 * A list's search box and filters. From 768px the filters sit in a grid beside
 * the search; on a phone they fold behind one "Filters" button into a sheet,
 * so the first screen shows rows instead of seven selects.
 */
export function ListToolbar({
  noun,
  search,
  onSearchChange,
  searchPlaceholder,
  filters,
  activeFilterCount = 0,
  onClearFilters,
  actions,
}: ListToolbarProps) {
  const [sheetOpen, setSheetOpen] = useState(false);
  return (
    <div role="search" aria-label={`Filter ${noun}`} className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="search"
          aria-label={`Search ${noun}`}
          placeholder={searchPlaceholder ?? "Search…"}
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
          className="min-w-0 flex-1 basis-48"
        />
        {filters ? (
          <Button type="button" variant="outline" className="md:hidden" onClick={() => setSheetOpen(true)}>
            <SlidersHorizontal aria-hidden />
            Filters{activeFilterCount ? ` (${activeFilterCount})` : ""}
          </Button>
        ) : null}
        {actions}
      </div>
      {filters ? <div className="hidden gap-2 md:grid md:grid-cols-4 [&>*]:min-w-0">{filters}</div> : null}
      {filters ? (
        <Dialog open={sheetOpen} onOpenChange={setSheetOpen}>
          <DialogContent className="max-h-[90dvh] overflow-y-auto">
            <DialogHeader>
              <DialogTitle>Filter {noun}</DialogTitle>
              <DialogDescription>Changes apply as you pick them.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-3">{filters}</div>
            <DialogFooter>
              {onClearFilters && activeFilterCount ? (
                <Button type="button" variant="outline" onClick={onClearFilters}>
                  Clear filters
                </Button>
              ) : null}
              <Button type="button" onClick={() => setSheetOpen(false)}>
                Show results
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
