import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { buildAuthOptions } from "./options";
import type { SessionUser } from "./session-user";

/** The signed-in user of this request (from the database session), or null. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(buildAuthOptions());
  return (session?.user as SessionUser | undefined) ?? null;
});
