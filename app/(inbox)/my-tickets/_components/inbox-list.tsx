"use client";

import { useQuery } from "@tanstack/react-query";
import { Inbox, Reply } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { TicketApprovalPill } from "@/components/approvals";
import { StatusBadge } from "@/components/helpdesk/ticket-badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { TICKET_STATUSES, TICKET_STATUS_INFO } from "@/lib/helpdesk/constants";
import { inboxQueryFromParams } from "@/lib/helpdesk/list-params";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime, formatRelative } from "@/lib/utils";

/** My Tickets: the list, a Mine / All <LABEL> switch for client admins, search, status filter and paging. */
export function InboxList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const me = useQuery(trpc.helpdesk.inbox.me.queryOptions());
  const query = inboxQueryFromParams(new URLSearchParams(params.toString()));
  const { scope, status } = query;
  const [search, setSearch] = useState(params.get("q") ?? "");
  const list = useQuery({
    ...trpc.helpdesk.inbox.list.queryOptions(query),
    placeholderData: (prev) => prev,
  });

  function setParam(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (!v) next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in changes)) next.delete("page");
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }
  useEffect(() => {
    if (search === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => setParam({ q: search.trim() || null }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const label = me.data?.organisationLabel ?? "";
  const data = list.data;
  // What the server actually applied (client users always get "mine").
  const shownScope = data?.scope ?? scope;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My Tickets</h1>
        {me.data?.canSeeAll ? (
          <div role="group" aria-label="Whose tickets" className="inline-flex rounded-md border p-0.5">
            {(["mine", "all"] as const).map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={scope === s}
                onClick={() => setParam({ scope: s === "all" ? "all" : null })}
                className={`rounded px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring ${scope === s ? "bg-primary text-primary-foreground" : "hover:bg-muted"}`}
              >
                {s === "mine" ? "Mine" : `All ${label}`}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row" role="search" aria-label="Filter my tickets">
        <Input type="search" aria-label="Search tickets" placeholder="Search number or subject" value={search} onChange={(e) => setSearch(e.target.value)} className="sm:max-w-xs" />
        <NativeSelect
          aria-label="Status"
          value={status}
          onChange={(e) => setParam({ status: e.target.value })}
          options={[{ value: "", label: "Any status" }, ...TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_INFO[s].label }))]}
          className="sm:max-w-52"
        />
      </div>

      {list.isLoading ? (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : list.error ? (
        <p role="alert" className="text-sm text-danger">{list.error.message}</p>
      ) : data && data.rows.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={search || status ? "No tickets match" : shownScope === "all" ? `No tickets for ${label} yet` : "You have no tickets yet"}
          description={search || status ? "Try another search or status." : "When you file a ticket, it appears here with every reply from support."}
          action={
            <Button asChild>
              <Link href="/my-tickets/new">New ticket</Link>
            </Button>
          }
        />
      ) : (
        <ul className="divide-y rounded-lg border bg-card" aria-label="Tickets" data-testid="inbox-list">
          {data?.rows.map((t) => (
            <li key={t.id} data-testid="inbox-row" data-number={t.number} data-unread={t.unread ? "true" : "false"}>
              <Link href={`/my-tickets/${t.number}`} className="flex items-start gap-3 p-4 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring">
                <span className="mt-1.5 flex size-2.5 shrink-0 items-center">
                  {t.unread ? (
                    <span className="size-2.5 rounded-full bg-primary" data-testid="unread-dot" title="Unread reply from support">
                      <span className="sr-only">Unread reply</span>
                    </span>
                  ) : null}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs text-muted-foreground">{t.number}</span>
                    <StatusBadge status={t.status} />
                    <TicketApprovalPill ticketId={t.id} scope="inbox" />
                  </span>
                  <span className={`block line-clamp-2 break-words ${t.unread ? "font-semibold" : "font-medium"}`}>{t.subject}</span>
                  {t.status === "waiting_on_customer" ? (
                    <span className="mt-1 inline-flex items-center gap-1 rounded bg-warning-subtle px-1.5 py-0.5 text-xs font-medium text-warning-subtle-foreground" data-testid="waiting-on-you">
                      <Reply className="size-3.5" aria-hidden />
                      Waiting on you: support needs your answer
                    </span>
                  ) : null}
                  {t.preview ? (
                    <span className="mt-1 block truncate text-sm text-muted-foreground" data-testid="inbox-preview">
                      {t.preview.fromSupport ? "Support" : t.preview.authorName}: {t.preview.text}
                    </span>
                  ) : null}
                  {shownScope === "all" ? <span className="block text-xs text-muted-foreground">Reported by {t.reporterName}</span> : null}
                </span>
                <time className="shrink-0 text-xs text-muted-foreground" dateTime={new Date(t.lastUpdateAt).toISOString()} title={formatDateTime(t.lastUpdateAt)}>
                  {formatRelative(t.lastUpdateAt)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.pageSize ? (
        <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={(p) => setParam({ page: String(p) })} />
      ) : null}
    </div>
  );
}
