"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPCClient } from "@/lib/trpc/react";

export interface PillState {
  state: string;
  ownerName: string;
}

type Scope = "console" | "inbox";
type Fetch = (ids: string[]) => Promise<Record<string, PillState>>;
type Waiter = { resolve: (value: PillState | null) => void; reject: (error: unknown) => void };

const MAX_IDS_PER_CALL = 200;

/**
 * Collects the ticket ids every pill on screen asks for within one tick and
 * fetches them in one call, so a list of 50 tickets costs one request and one
 * query instead of 50. Each pill still has its own react-query entry.
 */
function createBatcher(fetchMany: Fetch) {
  let waiting = new Map<string, Waiter[]>();
  let scheduled = false;

  const flush = async () => {
    const batch = waiting;
    waiting = new Map();
    scheduled = false;
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) {
      const chunk = ids.slice(i, i + MAX_IDS_PER_CALL);
      try {
        const states = await fetchMany(chunk);
        for (const id of chunk) for (const w of batch.get(id) ?? []) w.resolve(states[id] ?? null);
      } catch (error) {
        for (const id of chunk) for (const w of batch.get(id) ?? []) w.reject(error);
      }
    }
  };

  return (id: string) =>
    new Promise<PillState | null>((resolve, reject) => {
      waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => void flush(), 0);
      }
    });
}

const batchers = new WeakMap<object, Partial<Record<Scope, (id: string) => Promise<PillState | null>>>>();

/**
 * The current approval state of one ticket (null = none), batched with every
 * other pill on the page. Keyed under the approvals router's path, so
 * invalidating `trpc.approvals.pathKey()` refreshes the pills too.
 */
export function useBatchedApprovalState(ticketId: string, scope: Scope) {
  const client = useTRPCClient();
  let perClient = batchers.get(client);
  if (!perClient) {
    perClient = {};
    batchers.set(client, perClient);
  }
  const load =
    perClient[scope] ??
    (perClient[scope] = createBatcher((ids) =>
      scope === "console"
        ? client.approvals.statesForTickets.query({ ticketIds: ids })
        : client.approvals.inboxStatesForTickets.query({ ticketIds: ids }),
    ));
  return useQuery({ queryKey: [["approvals", "pill"], { ticketId, scope }], queryFn: () => load(ticketId) });
}
