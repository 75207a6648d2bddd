import type { Metadata } from "next";
import Link from "next/link";
import { DEVICE_LABELS, GEO_STATE_LABELS, KIND_LABELS, METHOD_LABELS, REASON_LABELS, RESULT_LABELS } from "@/components/audit/labels";
import { LoginResultBadge } from "@/components/audit/login-result-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EMPTY_VALUE, formatDateTime } from "@/lib/utils";
import { getServerApi, notFoundIfMissing } from "@/server/api/caller";
import { requirePageRole } from "@/server/auth/page-guards";

export const metadata: Metadata = { title: "Login event" };

function Field({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className={mono ? "font-mono text-sm break-all" : "text-sm break-words"}>{children ?? EMPTY_VALUE}</dd>
    </div>
  );
}

export default async function LoginEventPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole(["PROVIDER_ADMIN"]);
  const { id } = await params;
  const api = await getServerApi();
  const event = await api.audit.events.get({ id }).catch(notFoundIfMissing);

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/audit" className="text-primary underline-offset-2 hover:underline">
            ← Login events
          </Link>
        }
        title={`${KIND_LABELS[event.kind]}: ${event.login || "(empty login)"}`}
        description={formatDateTime(event.occurredAt, { seconds: true })}
        actions={<LoginResultBadge result={event.result} reason={event.failureReason} kind={event.kind} />}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Attempt</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Field label="Result">{RESULT_LABELS[event.result]}</Field>
              <Field label="Failure reason">{event.failureReason ? REASON_LABELS[event.failureReason] : null}</Field>
              <Field label="Event">{KIND_LABELS[event.kind]}</Field>
              <Field label="Method">{event.method ? METHOD_LABELS[event.method] : null}</Field>
              <Field label="Login typed">{event.login || null}</Field>
              <Field label="Account">
                {event.user ? (
                  <Link href={`/users/${event.user.id}`} className="text-primary underline-offset-2 hover:underline">
                    {event.user.name ? `${event.user.name} <${event.user.email}>` : event.user.email}
                  </Link>
                ) : (
                  "No account matched"
                )}
              </Field>
              <Field label="Time (UTC)">{event.occurredAt.toISOString()}</Field>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Where from</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Field label="IP address" mono>
                <Link href={`/audit?ip=${encodeURIComponent(event.ip)}`} className="text-primary underline-offset-2 hover:underline">
                  {event.ip}
                </Link>
              </Field>
              <Field label="Reverse DNS" mono>{event.hostname}</Field>
              <Field label="Country">{event.country ? `${event.country} (${event.countryCode})` : event.countryCode}</Field>
              <Field label="Region">{event.region}</Field>
              <Field label="City">{event.city}</Field>
              <Field label="Coordinates">{event.latitude !== null && event.longitude !== null ? `${event.latitude}, ${event.longitude}` : null}</Field>
              <Field label="ISP">{event.isp}</Field>
              <Field label="Network (AS)">{event.asn}</Field>
              <Field label="Geolocation">
                {GEO_STATE_LABELS[event.geoState]}
                {event.geoNote ? ` (${event.geoNote})` : ""}
                {event.geoLookedUpAt ? `, answered ${formatDateTime(event.geoLookedUpAt)}` : ""}
              </Field>
            </dl>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Client</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="divide-y">
            <Field label="Browser">{event.browser}</Field>
            <Field label="Operating system">{event.os}</Field>
            <Field label="Device">{DEVICE_LABELS[event.deviceType]}</Field>
            <Field label="Bot or script">{event.isBot ? "Yes" : "No"}</Field>
            <Field label="User-Agent (raw)" mono>{event.userAgentRaw || null}</Field>
            <Field label="Event id" mono>{event.id}</Field>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
