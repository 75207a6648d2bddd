import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Check your e-mail" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-lg font-semibold leading-tight">Check your e-mail</h1>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        <p>
          If {email ? <strong>{email}</strong> : "that address"} belongs to a Switchboard account, a sign-in link is on its
          way. It works once, for 15 minutes.
        </p>
        <p>
          <Link className="text-primary underline" href="/sign-in">
            Back to sign-in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
