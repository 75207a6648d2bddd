"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import { ConnectionForm, useProviderDefaults } from "./connection-form";

/** Adding a Vtiger connection. */
export function NewConnection() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const defaults = useProviderDefaults();
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const create = useMutation(
    trpc.crm.connections.create.mutationOptions({
      onSuccess: (c) => {
        toast({ title: "Connection added", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
        router.push(`/integrations/${c.id}`);
      },
      onError: (e) => {
        const fe = (e.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
        setErrors(fe ?? {});
        if (!fe) toast({ title: "Could not add the connection", description: e.message, variant: "error" });
      },
    }),
  );
  if (!defaults) return <Skeleton className="h-96" />;
  return (
    <ConnectionForm
      defaults={defaults}
      initial={{
        name: "Vtiger",
        baseUrl: "",
        username: "",
        accessKey: "",
        modules: { Contacts: defaults.Contacts!, ModComments: defaults.ModComments!, Calendar: defaults.Calendar! },
        pullIntervalMinutes: 15,
        taskRoleId: "",
        taskAssignMode: "one",
        staffRoleId: "",
        paymentSummaryWeekday: null,
        paymentSummaryHour: 8,
      }}
      submitLabel="Add connection"
      pending={create.isPending}
      errors={errors}
      onSubmit={(v) => create.mutate({ ...v, provider: "vtiger" })}
    />
  );
}
