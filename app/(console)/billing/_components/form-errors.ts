import { fieldErrorsOf as fieldMessagesOf } from "@/lib/trpc/field-errors";

/** Field messages from a failed tRPC mutation (zod's `data.fieldErrors`), plus its one-line message. */
export function fieldErrorsOf(error: unknown): { fields: Record<string, string[]>; message: string | null } {
  if (!error) return { fields: {}, message: null };
  return { fields: fieldMessagesOf(error), message: (error as { message?: string }).message ?? "Something went wrong" };
}

/** Turns zod issues (from a client-side safeParse) into path → messages, e.g. "tiers.1.from". */
export function issuesByPath(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
