import { fieldErrorsOf } from "@/lib/trpc/field-errors";

/**
 * A failed call as form errors: the first message per field, or the message
 * under "form" when no field is named (or only `hiddenField`, which the form
 * has no input for, e.g. the card or ticket id).
 */
export function formErrors(error: unknown, hiddenField?: string): Record<string, string | undefined> {
  const fields = Object.entries(fieldErrorsOf(error)).filter(([key]) => key !== hiddenField);
  if (fields.length) return Object.fromEntries(fields.map(([key, messages]) => [key, messages[0]]));
  return { form: error instanceof Error ? error.message : "Something went wrong; try again" };
}
