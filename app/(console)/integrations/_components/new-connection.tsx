"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";
import type { ModulesInput } from "@/lib/validators/crm";
import { ConnectionForm, useProviderDefaults } from "./connection-form";

const PROVIDERS = [
  { value: "vtiger", label: "Vtiger CRM" },
  { value: "ascora", label: "Ascora (field service)" },
];

/** The modules a new connection starts with: Vtiger's people and activities; everything Ascora offers. */
function initialModules(provider: string, defaults: ModulesInput): ModulesInput {
  if (provider !== "vtiger") return defaults;
  return { Contacts: defaults.Contacts!, ModComments: defaults.ModComments!, Calendar: defaults.Calendar! };
}

/** Adding a CRM connection: pick the CRM, then its address, credentials, modules and schedules. */
export function NewConnection() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [provider, setProvider] = useState("vtiger");
  const defaults = useProviderDefaults(provider);
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
  return (
    <div className="flex flex-col gap-6">
      <FormField label="CRM" description="Which system this connection talks to.">
        <NativeSelect
          value={provider}
          onChange={(e) => {
            setErrors({});
            setProvider(e.target.value);
          }}
          options={PROVIDERS}
        />
      </FormField>
      {!defaults ? (
        <Skeleton className="h-96" />
      ) : (
        <ConnectionForm
          key={provider}
          provider={provider}
          defaults={defaults}
          initial={{
            name: PROVIDERS.find((p) => p.value === provider)!.label.split(" (")[0]!,
            baseUrl: "",
            username: "",
            accessKey: "",
            modules: initialModules(provider, defaults),
            pullIntervalMinutes: 15,
            taskRoleId: "",
            taskAssignMode: "one",
            staffRoleId: "",
            paymentSummaryWeekday: null,
            paymentSummaryHour: 8,
            companyId: "",
          }}
          submitLabel="Add connection"
          pending={create.isPending}
          errors={errors}
          onSubmit={(v) => create.mutate({ ...v, provider, companyId: v.companyId || null })}
        />
      )}
    </div>
  );
}
