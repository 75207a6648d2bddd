import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreditNotesTable } from "./_components/credit-notes-table";

export const metadata: Metadata = { title: "Credit notes" };

export default function CreditNotesPage() {
  return (
    <>
      <PageHeader title="Credit notes" description="Reversals of all or part of an invoice: taken off what is owed, or refunded to the card. Issue one from the invoice's page." />
      <CreditNotesTable />
    </>
  );
}
