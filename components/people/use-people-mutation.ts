"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

type FieldErrors = Record<string, string[] | undefined>;

/**
 * What every people form needs: field errors from zod (or "field: message"
 * from a service), a toast on failure, and a refresh of every people query on success.
 */
export function usePeopleMutationHandlers(successTitle?: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    errors,
    onSuccess: () => {
      setErrors({});
      if (successTitle) toast({ title: successTitle });
      void queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
    },
    onError: (error: { message: string; data?: unknown }) => {
      const fromZod = (error.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors;
      const named = error.message.match(/^(\w+): (.+)$/);
      setErrors(fromZod ?? (named?.[1] && named[2] ? { [named[1]]: [named[2]] } : {}));
      toast({ title: "Not done", description: error.message, variant: "error" });
    },
  };
}
