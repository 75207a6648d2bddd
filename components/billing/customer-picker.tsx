"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, Search } from "lucide-react";
import { useEffect, useId, useState } from "react";
import type { FormFieldControlProps } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/utils";

const LIMIT = 20;

export interface PickedCustomer {
  id: string;
  name: string;
  email: string | null;
}

const describe = (c: PickedCustomer) => (c.email ? `${c.name} (${c.email})` : c.name);

/**
 * The one way a billing dialog picks a customer: type part of a name or
 * e-mail, choose from the matches (a WAI-ARIA combobox: arrows, Enter,
 * Escape). Searches on the server, so it works with any number of customers.
 * Put it in a FormField as `{(control) => <CustomerPicker {...control} … />}`.
 */
export function CustomerPicker({
  value,
  onChange,
  ...control
}: Partial<FormFieldControlProps> & { value: string; onChange: (customer: PickedCustomer | null) => void }) {
  const trpc = useTRPC();
  const listId = useId();
  const [picked, setPicked] = useState<PickedCustomer | null>(null);
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const matches = useQuery({
    ...trpc.customers.list.queryOptions({ page: 1, pageSize: LIMIT, search: search || undefined }),
    enabled: open,
  });
  // A value chosen elsewhere (an edit form) still shows its name.
  const current = useQuery({ ...trpc.customers.get.queryOptions({ id: value }), enabled: value !== "" && picked?.id !== value });
  const selected = picked?.id === value ? picked : current.data ? { id: current.data.customer.id, name: current.data.customer.name, email: current.data.customer.email } : null;

  const rows = matches.data?.rows ?? [];
  const choose = (customer: PickedCustomer) => {
    setPicked(customer);
    setText("");
    setOpen(false);
    onChange(customer);
  };
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="relative w-full min-w-0">
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        {...control}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && rows[active] ? optionId(active) : undefined}
        autoComplete="off"
        className="pl-9"
        placeholder={selected ? describe(selected) : "Search customers by name or e-mail"}
        value={open ? text : selected ? describe(selected) : text}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (e.target.value === "" && value) onChange(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            if (rows.length) setActive((i) => (i + (e.key === "ArrowDown" ? 1 : rows.length - 1)) % rows.length);
          } else if (e.key === "Enter" && open && rows[active]) {
            e.preventDefault(); // choosing, not submitting the dialog
            choose(rows[active]);
          } else if (e.key === "Escape" && open) {
            e.stopPropagation(); // close the list, not the dialog
            setOpen(false);
          }
        }}
      />
      {open ? (
        <div className="absolute z-50 mt-1 w-full overflow-hidden rounded-md border bg-popover text-popover-foreground shadow-md">
          <ul id={listId} role="listbox" aria-label="Customers" className="max-h-64 overflow-y-auto py-1">
            {rows.map((c, i) => (
              <li
                key={c.id}
                id={optionId(i)}
                role="option"
                aria-selected={c.id === value}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(c);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn("flex cursor-pointer items-center gap-2 px-3 py-2 text-sm", i === active && "bg-muted")}
              >
                <Check className={cn("size-4 shrink-0", c.id === value ? "opacity-100" : "opacity-0")} aria-hidden />
                <span className="min-w-0">
                  <span className="block truncate font-medium">{c.name}</span>
                  {c.email ? <span className="block truncate text-xs text-muted-foreground">{c.email}</span> : null}
                </span>
              </li>
            ))}
          </ul>
          <p className="border-t px-3 py-2 text-xs text-muted-foreground" aria-live="polite">
            {matches.isLoading
              ? "Searching…"
              : matches.error
                ? `Could not search customers: ${matches.error.message}`
                : rows.length === 0
                  ? search
                    ? `No customer matches “${search}”.`
                    : "No customers yet: add one under Billing → Customers."
                  : (matches.data?.total ?? 0) > rows.length
                    ? `The first ${rows.length} of ${matches.data?.total}; type more of the name to narrow.`
                    : `${rows.length} customer${rows.length === 1 ? "" : "s"}.`}
          </p>
        </div>
      ) : null}
    </div>
  );
}
