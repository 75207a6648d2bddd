import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { normalizeTicketNumber } from "@/lib/helpdesk/ticket-number-format";
import { getServerApi } from "@/server/api/caller";
import { InboxThread } from "./_components/inbox-thread";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: (await params).number };
}

/** One ticket in My Tickets. Out of scope (or unknown) is a plain 404: nobody learns it exists. */
export default async function InboxTicketPage({ params }: { params: Promise<{ number: string }> }) {
  const number = normalizeTicketNumber(decodeURIComponent((await params).number));
  if (!number) notFound();
  const api = await getServerApi();
  try {
    await api.helpdesk.inbox.get({ number });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/sign-in");
    throw error;
  }
  return <InboxThread number={number} />;
}
