"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { LoginEventsTable } from "@/components/audit/login-events-table";
import { REASON_LABELS, RESULT_LABELS } from "@/components/audit/labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { LOGIN_FAILURE_REASONS, LOGIN_RESULTS, type LoginEventFilter, type LoginGroupBy } from "@/lib/validators/audit";
import { useTRPC } from "@/lib/trpc/react";
import { EMPTY_FILTERS, filtersToQuery, parseEventFilters, type EventFilterValues } from "./event-filters";
import { LoginEventGroups } from "./login-event-groups";

const GROUP_OPTIONS = [
  { value: "", label: "No grouping" },
  { value: "ip", label: "Group by IP address" },
  { value: "country", label: "Group by country" },
  { value: "user", label: "Group by user" },
];

interface Props {
  initial: EventFilterValues;
  initialGroup: LoginGroupBy | "";
  /** Shown in the chip of a user filter that came from a link. */
  userLabel: string | null;
}

/** Login events: filters (kept in the URL), grouping, and the paged table. */
export function LoginEventsView({ initial, initialGroup, userLabel }: Props) {
  const trpc = useTRPC();
  const [form, setForm] = useState<EventFilterValues>(initial);
  const firstParse = parseEventFilters(initial);
  const [applied, setApplied] = useState<LoginEventFilter>(firstParse.ok ? firstParse.filter : {});
  const [errors, setErrors] = useState<Record<string, string>>(firstParse.ok ? {} : firstParse.errors);
  const [group, setGroup] = useState<LoginGroupBy | "">(initialGroup);
  const [page, setPage] = useState(1);

  const list = useQuery({ ...trpc.audit.events.list.queryOptions({ ...applied, page, pageSize: 25 }), enabled: !group });
  const groups = useQuery({ ...trpc.audit.events.groups.queryOptions({ ...applied, by: group || "ip" }), enabled: Boolean(group) });

  function apply(values: EventFilterValues, nextGroup: LoginGroupBy | "" = group) {
    const parsed = parseEventFilters(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setForm(values);
    setApplied(parsed.filter);
    setGroup(nextGroup);
    setPage(1);
    // Keep the view shareable and the back button honest without a server round trip.
    const query = filtersToQuery(values, { group: nextGroup });
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  const set = (key: keyof EventFilterValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const error = list.error ?? groups.error;

  return (
    <div className="space-y-4">
      <form
        aria-label="Filter login events"
        className="grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          apply(form);
        }}
      >
        <FormField label="Result">
          <NativeSelect
            value={form.result}
            onChange={set("result")}
            options={[{ value: "", label: "Any result" }, ...LOGIN_RESULTS.map((r) => ({ value: r, label: RESULT_LABELS[r] }))]}
          />
        </FormField>
        <FormField label="Reason">
          <NativeSelect
            value={form.reason}
            onChange={set("reason")}
            options={[{ value: "", label: "Any reason" }, ...LOGIN_FAILURE_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }))]}
          />
        </FormField>
        <FormField label="Login (e-mail typed)" error={errors.login}>
          <Input value={form.login} onChange={set("login")} placeholder="part of an e-mail" autoComplete="off" />
        </FormField>
        <FormField label="IP address (or its start)" error={errors.ip}>
          <Input value={form.ip} onChange={set("ip")} placeholder="203.0.113." autoComplete="off" inputMode="decimal" />
        </FormField>
        <FormField label="Country code" error={errors.country}>
          <Input value={form.country} onChange={set("country")} placeholder="GB" maxLength={2} autoComplete="off" className="uppercase" />
        </FormField>
        <FormField label="From (UTC day)" error={errors.from}>
          <DateInput value={form.from} onValueChange={(from) => setForm((f) => ({ ...f, from }))} />
        </FormField>
        <FormField label="To (UTC day)" error={errors.to}>
          <DateInput value={form.to} onValueChange={(to) => setForm((f) => ({ ...f, to }))} />
        </FormField>
        <FormField label="Unknown users only" layout="inline" description="Logins that matched no account">
          <Checkbox checked={form.unknownUsers} onCheckedChange={(checked) => setForm((f) => ({ ...f, unknownUsers: checked === true }))} />
        </FormField>
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-4">
          <Button type="submit">Apply filters</Button>
          <Button type="button" variant="outline" onClick={() => apply(EMPTY_FILTERS)}>
            Reset
          </Button>
          {form.userId ? (
            <span className="inline-flex items-center gap-1 rounded-full border bg-muted px-3 py-1 text-sm">
              User: {userLabel ?? form.userId}
              <button
                type="button"
                aria-label="Remove the user filter"
                className="rounded-full p-0.5 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
                onClick={() => apply({ ...form, userId: "" })}
              >
                <X className="size-3.5" aria-hidden />
              </button>
            </span>
          ) : null}
          <div className="ml-auto w-full sm:w-56">
            <NativeSelect
              aria-label="Grouping"
              value={group}
              onChange={(e) => apply(form, e.target.value as LoginGroupBy | "")}
              options={GROUP_OPTIONS}
            />
          </div>
        </div>
      </form>

      {error ? <Alert variant="danger" title="Could not load login events">{error.message}</Alert> : null}

      {group ? (
        <LoginEventGroups
          by={group}
          groups={groups.data ?? []}
          loading={groups.isLoading}
          onPick={(key) => {
            const next = { ...form };
            if (group === "ip") next.ip = key ?? "";
            else if (group === "country") next.country = key ?? "";
            else if (key) next.userId = key;
            else next.unknownUsers = true;
            apply(next, "");
          }}
        />
      ) : (
        <LoginEventsTable
          label="Login events"
          rows={list.data?.rows ?? []}
          loading={list.isLoading}
          paging={list.data ? { page: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined}
          onPageChange={setPage}
        />
      )}
    </div>
  );
}
