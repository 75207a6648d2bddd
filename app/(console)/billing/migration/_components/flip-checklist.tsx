"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, Circle } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";

/** "Ready to flip": every item must hold; only then is the period's migration ready. */
export function FlipChecklist({ period }: { period: string }) {
  const trpc = useTRPC();
  const checklist = useQuery(trpc.legacyBilling.reconciliation.checklist.queryOptions({ period }));
  if (!checklist.data) return null;
  return (
    <div>
      <h4 className="text-sm font-medium">{checklist.data.ready ? "Ready to flip" : "Not ready to flip"}</h4>
      <ul className="mt-1 grid gap-1 text-sm">
        {checklist.data.items.map((item) => (
          <li key={item.label} className="flex items-center gap-2">
            {item.done ? <Check className="text-success" aria-hidden /> : <Circle className="text-muted-foreground" aria-hidden />}
            <span>
              {item.label}
              <span className="sr-only">{item.done ? " (done)" : " (to do)"}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
