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
import { ROLE_LABELS } from "@/lib/auth/roles";
import { useTRPC } from "@/lib/trpc/react";

export function AcceptInvitationForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const invitation = useQuery({ ...trpc.people.invitations.describe.queryOptions({ token }), retry: false });
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  // Kept from the invitation as it was when accepted: once used, the refreshed invitation no longer names it.
  const [organisationName, setOrganisationName] = useState("");
  const handlers = usePeopleMutationHandlers();
  const accept = useMutation(trpc.people.invitations.accept.mutationOptions(handlers));

  // After accepting, the refreshed invitation reads as used (or fails to load): the welcome wins over both.
  if (accept.data) {
    return (
      <Card>
        <CardHeader>
          <h1 className="text-lg font-semibold">Welcome to {organisationName}</h1>
          <CardDescription>
            Your account {accept.data.email} is ready. {accept.data.hasPassword ? "Sign in with your password." : "Sign in with an e-mail link."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  if (invitation.error) return <Alert variant="danger" role="alert">{invitation.error.message}</Alert>;
  const d = invitation.data;
  if (!d) return null;
  if (d.state !== "valid") {
    return (
      <Card>
        <CardHeader>
          <h1 className="text-lg font-semibold">Invitation not usable</h1>
          <CardDescription>
            {d.state === "expired"
              ? `This invitation to ${d.organisationName} has expired. Ask the person who invited you to send it again.`
              : "This invitation link was already used, revoked or replaced by a newer one. Ask for a new invitation, or sign in if you already accepted it."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Link href="/sign-in" className="text-primary underline-offset-2 hover:underline">
            Go to sign-in
          </Link>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold">Join {d.organisationName}</h1>
        <CardDescription>
          You are invited as {ROLE_LABELS[d.role]} with {d.email}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            setOrganisationName(d.organisationName);
            accept.mutate({ token, name, password });
          }}
        >
          <FormField label="Your name" required error={handlers.errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
          </FormField>
          {d.passwordRequired ? (
            <FormField label="Password" required description="At least 12 characters. Your CRM account is set up with the same password." error={handlers.errors.password ?? handlers.errors.token}>
              <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={12} />
            </FormField>
          ) : (
            <FormField label="Password (optional)" description="At least 12 characters. Without one you sign in with a link sent by e-mail." error={handlers.errors.password ?? handlers.errors.token}>
              <Input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            </FormField>
          )}
          <Button type="submit" className="w-full" loading={accept.isPending}>
            Accept invitation
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
