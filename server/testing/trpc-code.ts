import { TRPCError } from "@trpc/server";

/** "OK", or the tRPC error code a call ended with (tests assert on codes, not messages). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}
