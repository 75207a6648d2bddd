/**
 * The field messages of a failed tRPC call: the error formatter in
 * server/api/trpc.ts puts zod's flattened `fieldErrors` under `data`. Empty
 * for any other failure (or none), so forms can read `fieldErrorsOf(e).name`
 * and `hasFieldErrors(e)` tells a form error from one for a toast.
 */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null | undefined)?.data;
  const fields: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(data?.fieldErrors ?? {})) if (value?.length) fields[key] = value;
  return fields;
}

export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrorsOf(error)).length > 0;
}
