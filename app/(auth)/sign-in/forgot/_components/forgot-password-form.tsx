"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { usePeopleMutationHandlers } from "@/components/people/use-people-mutation";
import { useTRPC } from "@/lib/trpc/react";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const handlers = usePeopleMutationHandlers();
  const forgot = useMutation(trpc.people.password.forgot.mutationOptions(handlers));
  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold">Forgot your password?</h1>
        <CardDescription>
          {forgot.data
            ? `If ${email} has an active account, a reset link is on its way. It works once, for 60 minutes.`
            : "Enter your e-mail address and we send you a link to choose a new password."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {!forgot.data ? (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              forgot.mutate({ email });
            }}
          >
            <FormField label="E-mail" required error={handlers.errors.email}>
              <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
            </FormField>
            <Button type="submit" className="w-full" loading={forgot.isPending}>
              Send reset link
            </Button>
          </form>
        ) : null}
        <Link href="/sign-in" className="text-sm text-primary underline-offset-2 hover:underline">
          Back to sign-in
        </Link>
      </CardContent>
    </Card>
  );
}
