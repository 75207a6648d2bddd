import type { Metadata } from "next";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

/** /invite/<token>: the invited person chooses a name and, optionally, a password. */
export default async function AcceptInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvitationForm token={token} />;
}
