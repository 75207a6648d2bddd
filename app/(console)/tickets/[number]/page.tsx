import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { normalizeTicketNumber } from "@/lib/helpdesk/ticket-number-format";
import { requirePageRole } from "@/server/auth/page-guards";
import { TicketView } from "./_components/ticket-view";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: (await params).number };
}

export default async function TicketPage({ params }: { params: Promise<{ number: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN", "AGENT"]);
  const number = normalizeTicketNumber(decodeURIComponent((await params).number));
  if (!number) notFound();
  return <TicketView number={number} />;
}
