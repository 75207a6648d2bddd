// Data and HTTP helpers of the scale check (never imported by product code).
import type { Db } from "../../db";
import { deriveApprovalToken } from "../../approvals/approval-links";
import { requestApproval } from "../../approvals/request-approval";
import { createTicket } from "../../helpdesk/create-ticket";
import { createService } from "../../billing/services/services";
import { DEMO_BILLING_API_KEY } from "../../../prisma/seed/billing";
import { appEnv } from "@/server/config-readers";

/** The seeded NexaCloud service (its limit raised out of the way) and one of its subscriptions. */
export async function usageFixture(db: Db) {
  const service = await db.billingService.update({ where: { code: "nexacloud" }, data: { rateLimitPerMinute: 1_000_000 } });
  const sub = await db.billingSubscription.findFirstOrThrow({ where: { serviceId: service.id, status: "active" } });
  const metric = await db.billingMetric.findUniqueOrThrow({ where: { code: "api_calls" } });
  // An hour inside the current period that has already passed.
  const hour = 3_600_000;
  const from = new Date(Math.max(sub.currentPeriodStart.getTime(), Math.floor(Date.now() / hour) * hour - 2 * hour));
  const to = new Date(from.getTime() + hour);
  return {
    apiKey: DEMO_BILLING_API_KEY,
    subscriptionId: sub.id,
    metricId: metric.id,
    item: (key: string) => ({
      external_subscription_id: sub.externalId,
      metric_code: metric.code,
      period: { from: from.toISOString(), to: to.toISOString() },
      quantity: "1",
      idempotency_key: key,
    }),
  };
}

/** A new service allowed `perMinute` requests a minute. */
export async function limitedService(db: Db, perMinute: number) {
  const { apiKey } = await createService(db, { name: "Rate-limited", code: `limited_${Date.now()}`, rateLimitPerMinute: perMinute });
  return { apiKey };
}

/** A password sign-in through next-auth's own endpoints; the session cookie when it worked. */
export async function passwordSignIn(base: string, email: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => /session-token=./.test(c));
  return { status: res.status, cookie: session ?? null };
}

/** One pending approval engagement of a seeded client ticket, with its approve and reject link tokens. */
export async function approvalLinks(db: Db) {
  const org = await db.organisation.findUniqueOrThrow({ where: { label: "ENTECH" } });
  const ctx = appEnv.approvalContext();
  const ticket = await createTicket(
    {
      organisationId: org.id,
      subject: "Scale check: approve a change",
      description: "Raced approve and reject links.",
      type: "technical_support",
      priority: "normal",
      reporterName: "Eli Entech",
      reporterEmail: "user@entech.example",
      channel: "console",
      author: { kind: "client_user", name: "Eli Entech", email: "user@entech.example" },
      acknowledge: false,
    },
    db,
  );
  const result = await requestApproval(
    { ticketIds: [ticket.id], mode: "single", summaries: [{ ticketId: ticket.id, summary: "A change to approve" }], requestedBy: { id: null, name: "Scale check" } },
    ctx,
    db,
  );
  const engagementId = result.engagements[0]!.id;
  const rows = await db.approvalToken.findMany({ where: { engagementId } });
  return rows.map((r) => ({ engagementId, token: deriveApprovalToken(ctx.keys, r.salt), decision: r.decision }));
}
