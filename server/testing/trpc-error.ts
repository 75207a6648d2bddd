import { TRPCError } from "@trpc/server";

/** The TRPCError a procedure call rejects with; fails the test when it resolves or throws something else. */
export async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected a tRPC error");
}
