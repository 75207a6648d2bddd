"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";
import { usePeopleMutationHandlers } from "./use-people-mutation";

/** From a failing login in the audit: open the person's account page, or a ticket for their client organisation. */
export function LoginActions({ login, userId, clientOrganisationLabel }: { login: string; userId: string | null; clientOrganisationLabel: string | null }) {
  const trpc = useTRPC();
  const handlers = usePeopleMutationHandlers();
  const open = useMutation(trpc.people.members.openBurstTicket.mutationOptions(handlers));
  if (!userId) return null;
  return (
    <>
      <Link href={`/users/${userId}`} className="text-xs text-primary underline-offset-2 hover:underline" aria-label={`Account actions for ${login}`}>
        Act on account
      </Link>
      {clientOrganisationLabel ? (
        open.data ? (
          <Link href={`/tickets/${open.data.number}`} className="text-xs text-primary underline-offset-2 hover:underline">
            Ticket {open.data.number}
          </Link>
        ) : (
          <Button size="sm" variant="outline" loading={open.isPending} onClick={() => open.mutate({ login })}>
            Open ticket for {clientOrganisationLabel}
          </Button>
        )
      ) : null}
    </>
  );
}

/** Blocks one address for 24 hours at every sign-in path (listed and removable in Audit settings). */
export function BlockAddressButton({ ip }: { ip: string }) {
  const trpc = useTRPC();
  const handlers = usePeopleMutationHandlers(`${ip} blocked for 24 hours`);
  const block = useMutation(trpc.people.blocks.create.mutationOptions(handlers));
  if (ip === "unknown") return null;
  return (
    <Button size="sm" variant="outline" loading={block.isPending} disabled={block.isSuccess} onClick={() => block.mutate({ address: ip, duration: "24h", reason: "From the failures page" })}>
      {block.isSuccess ? "Blocked" : "Block"}
    </Button>
  );
}
