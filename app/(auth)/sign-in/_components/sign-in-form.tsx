"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

interface Props {
  callbackUrl: string;
  initialError: string | null;
}

/** Two ways in: a magic link by e-mail, or e-mail and password. */
export function SignInForm({ callbackUrl, initialError }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onPassword(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
      callbackUrl,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong e-mail or password.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  async function onMagicLink(form: FormData) {
    setPending(true);
    setError(null);
    const email = String(form.get("email") ?? "").trim();
    const result = await signIn("email", { email, redirect: false, callbackUrl });
    setPending(false);
    if (result?.error) {
      setError("We could not send a link just now. Try again, or use your password.");
      return;
    }
    router.push(`/sign-in/check-email?email=${encodeURIComponent(email)}`);
  }

  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold leading-tight">Sign in</h1>
        <CardDescription>Support staff, client staff and admins all sign in here.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {error ? (
          <Alert variant="danger" role="alert">
            {error}
          </Alert>
        ) : null}
        <Tabs defaultValue="password">
          <TabsList className="grid w-full grid-cols-2">
            <TabsTrigger value="password">Password</TabsTrigger>
            <TabsTrigger value="magic-link">E-mail link</TabsTrigger>
          </TabsList>
          <TabsContent value="password">
            <form action={onPassword} className="space-y-4 pt-2">
              <FormField label="E-mail" required>
                <Input name="email" type="email" autoComplete="username" required />
              </FormField>
              <FormField label="Password" required>
                <Input name="password" type="password" autoComplete="current-password" required />
              </FormField>
              <Button type="submit" className="w-full" loading={pending}>
                Sign in
              </Button>
              <Link href="/sign-in/forgot" className="block text-center text-sm text-primary underline-offset-2 hover:underline">
                Forgot your password?
              </Link>
            </form>
          </TabsContent>
          <TabsContent value="magic-link">
            <form action={onMagicLink} className="space-y-4 pt-2">
              <FormField label="E-mail" description="We e-mail you a link that signs you in. It works once, for 15 minutes." required>
                <Input name="email" type="email" autoComplete="email" required />
              </FormField>
              <Button type="submit" className="w-full" loading={pending}>
                E-mail me a sign-in link
              </Button>
            </form>
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
