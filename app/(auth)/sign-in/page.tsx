import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** next-auth's error codes, in words a person can act on. */
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "This account cannot sign in. Ask your administrator.",
  CredentialsSignin: "Wrong e-mail or password.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const user = await getSessionUser();
  if (user) redirect(params.callbackUrl?.startsWith("/") ? params.callbackUrl : homePathFor(user.role));
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return <SignInForm callbackUrl={params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/"} initialError={error} />;
}
