import { ShieldX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { homePathFor } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";

/** Shown with HTTP 403 whenever a page calls forbidden(). */
export default async function Forbidden() {
  const user = await getSessionUser();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <ShieldX className="size-12 text-danger" aria-hidden />
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="text-muted-foreground">
        {user
          ? `You are signed in as ${user.email}, and this part of Switchboard is for the provider's staff only.`
          : "Sign in with an account that has access."}
      </p>
      <Button asChild>
        <Link href={user ? homePathFor(user.role) : "/sign-in"}>{user ? "Go to my home page" : "Sign in"}</Link>
      </Button>
    </main>
  );
}
