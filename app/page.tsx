import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";

/** The front door: each role to its home, everyone else to sign-in. */
export default async function HomePage() {
  const user = await getSessionUser();
  redirect(user ? homePathFor(user.role) : "/sign-in");
}
