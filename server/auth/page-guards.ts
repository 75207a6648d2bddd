import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { AppRole } from "@/lib/auth/roles";
import { getSessionUser } from "./session";
import type { SessionUser } from "./session-user";

/** For pages: the signed-in user with one of `roles`, else sign-in (anonymous) or a 403 page. */
export async function requirePageRole(roles: readonly AppRole[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!roles.includes(user.role)) forbidden();
  return user;
}
