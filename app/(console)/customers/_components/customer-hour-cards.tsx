"use client";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { HourCardsList } from "../../hour-cards/_components/hour-cards-list";
import { NewCardDialog } from "../../hour-cards/_components/new-card-dialog";

/** The customer's prepaid hour cards, with "New hour card" for admins. */
export function CustomerHourCards({ customerId, admin }: { customerId: string; admin: boolean }) {
  return (
    <Card className="lg:col-span-3">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle as="h2">Hour cards</CardTitle>
        {admin ? <NewCardDialog customerId={customerId} /> : null}
      </CardHeader>
      <CardContent>
        <HourCardsList customerId={customerId} />
      </CardContent>
    </Card>
  );
}
