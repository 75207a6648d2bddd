"use client";

import { useState } from "react";
import { fieldErrorsOf, hasFieldErrors } from "@/lib/trpc/field-errors";
import { toast } from "./use-toast";

export type FormErrors = Record<string, string[] | undefined>;

/**
 * A form's field errors, and the `onError` for its mutation: messages that
 * belong to a field go next to it, anything else becomes a toast titled
 * `failureTitle`.
 */
export function useFormErrors(failureTitle: string) {
  const [errors, setErrors] = useState<FormErrors>({});
  const onError = (error: unknown) => {
    setErrors(fieldErrorsOf(error));
    if (!hasFieldErrors(error)) toast({ title: failureTitle, description: error instanceof Error ? error.message : undefined, variant: "error" });
  };
  return { errors, setErrors, onError };
}
