import type { Metadata } from "next";
import { NewTicketForm } from "./_components/new-ticket-form";

export const metadata: Metadata = { title: "New ticket" };

export default function NewInboxTicketPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">New ticket</h1>
        <p className="text-sm text-muted-foreground">Tell us what is wrong. Replies arrive here and by e-mail.</p>
      </div>
      <NewTicketForm />
    </div>
  );
}
