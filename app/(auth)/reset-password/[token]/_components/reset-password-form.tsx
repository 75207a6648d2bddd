"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { usePeopleMutationHandlers } from "@/components/people/use-people-mutation";
import { useTRPC } from "@/lib/trpc/react";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const check = useQuery({ ...trpc.people.password.check.queryOptions({ token }), retry: false });
  const [password, setPassword] = useState("");
  const handlers = usePeopleMutationHandlers();
  const reset = useMutation(trpc.people.password.reset.mutationOptions(handlers));
  if (check.error) return <Alert variant="danger" role="alert">{check.error.message}</Alert>;
  if (!check.data) return null;
  const done = Boolean(reset.data);
  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold">{done ? "Password changed" : "Choose a new password"}</h1>
        <CardDescription>
          {done
            ? "Your other sessions were signed out. Sign in with the new password."
            : check.data.usable
              ? "At least 12 characters."
              : "This link has expired or was already used. Ask for a new one from the sign-in page."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {done || !check.data.usable ? (
          <Link href={done ? "/sign-in" : "/sign-in/forgot"} className="text-primary underline-offset-2 hover:underline">
            {done ? "Sign in" : "Ask for a new link"}
          </Link>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate({ token, password });
            }}
          >
            <FormField label="New password" required error={handlers.errors.password ?? handlers.errors.token}>
              <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
            </FormField>
            <Button type="submit" className="w-full" loading={reset.isPending}>
              Set password
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
