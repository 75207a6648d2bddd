"use client";

import { Input } from "./input";
import { NativeSelect } from "./native-select";

/**
 * For a paged list's filters: wraps each filter's setter so that a new value
 * also returns the list to page 1 (page 4 of the old results may not exist).
 */
export function withFirstPage(setPage: (page: number) => void) {
  return <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
}

type SearchInputProps = Omit<React.ComponentProps<"input">, "type" | "onChange"> & { onValueChange: (value: string) => void };

/** A list's search box. */
export function SearchInput({ onValueChange, className, ...props }: SearchInputProps) {
  return <Input type="search" onChange={(e) => onValueChange(e.target.value)} className={className ?? "sm:max-w-xs"} {...props} />;
}

interface FilterSelectProps<T extends string> {
  "aria-label": string;
  value: T | "";
  onValueChange: (value: T | "") => void;
  /** The first option, meaning "no filter" (value ""). */
  allLabel: string;
  values: readonly T[];
  labelOf: (value: T) => string;
  className?: string;
}

/** A list's one-choice filter: "all" first, then each value under its label. */
export function FilterSelect<T extends string>({ value, onValueChange, allLabel, values, labelOf, className, ...props }: FilterSelectProps<T>) {
  return (
    <NativeSelect
      aria-label={props["aria-label"]}
      value={value}
      onChange={(e) => onValueChange(e.target.value as T | "")}
      options={[{ value: "", label: allLabel }, ...values.map((v) => ({ value: v, label: labelOf(v) }))]}
      className={className ?? "sm:max-w-48"}
    />
  );
}
