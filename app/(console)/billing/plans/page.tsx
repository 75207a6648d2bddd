import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlansList } from "./_components/plans-list";

export const metadata: Metadata = { title: "Billing plans" };

export default function PlansPage() {
  return (
    <>
      <PageHeader
        title="Plans"
        description="A plan is a base price per period plus a charge per metric (included quota, then overage). Source apps subscribe customers by plan code."
      />
      <PlansList />
    </>
  );
}
