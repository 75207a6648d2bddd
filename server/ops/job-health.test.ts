import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { drainOutbox } from "@/inngest/functions/drain-outbox";
import { db } from "@/server/db";
import { cronPeriodMinutes, cronSchedules, recordCronRun } from "./cron-runs";
import { checkJobHealth, QUEUE_STALL_MINUTES } from "./job-health";

const MIN = 60_000;
const schedules = [
  { functionId: "every-minute", cron: "* * * * *", periodMinutes: 1 },
  { functionId: "daily", cron: "TZ=UTC 0 3 * * *", periodMinutes: 1440 },
];

beforeEach(async () => {
  await db.cronRun.deleteMany();
  await db.outboxEmail.deleteMany();
});

describe("cron schedules", () => {
  it("reads the period of the cron shapes we use", () => {
    expect(["* * * * *", "*/5 * * * *", "5 * * * *", "TZ=UTC 0 9 * * *", "17 3 * * *", "0 9 * * 1"].map(cronPeriodMinutes)).toEqual([
      1, 5, 60, 1440, 1440, 1440,
    ]);
  });

  it("lists every scheduled function, not the event-only ones", async () => {
    const { functions } = await import("@/inngest/functions");
    const ids = cronSchedules(functions).map((s) => s.functionId);
    expect(ids).toEqual(expect.arrayContaining(["drain-outbox", "check-sla-breaches", "rate-billing-usage", "drain-crm-queue"]));
    expect(ids).not.toContain("deliver-email");
  });
});

describe("checkJobHealth", () => {
  it("reports the age of the oldest due outbox item and a stall past the threshold", async () => {
    const now = new Date();
    await db.outboxEmail.createMany({
      data: [
        { to: "a@example.com", subject: "old", text: "x", status: "PENDING", nextAttemptAt: new Date(now.getTime() - (QUEUE_STALL_MINUTES + 5) * MIN) },
        { to: "b@example.com", subject: "retry later", text: "x", status: "FAILED", nextAttemptAt: new Date(now.getTime() + 10 * MIN) },
        { to: "c@example.com", subject: "sent", text: "x", status: "SENT", nextAttemptAt: new Date(now.getTime() - 60 * MIN) },
      ],
    });
    const health = await checkJobHealth(db, [], now);
    const outbox = health.queues.find((q) => q.queue === "outbox")!;
    expect(outbox).toEqual({ queue: "outbox", due: 1, oldestDueAgeSec: (QUEUE_STALL_MINUTES + 5) * 60, stalled: true });
    expect(health.stalled).toContain("queue:outbox");
    expect(health.queues.map((q) => q.queue)).toEqual(["outbox", "crmQueue", "billingWebhooks", "billingRating", "billingPayments"]);
  });

  it("calls a schedule stalled when it has not run for two periods plus grace, and not before", async () => {
    const now = new Date();
    await recordCronRun(db, "every-minute", { ok: true }, new Date(now.getTime() - 3 * MIN));
    await recordCronRun(db, "daily", { ok: true }, new Date(now.getTime() - 20 * 60 * MIN));
    let health = await checkJobHealth(db, schedules, now);
    expect(health.stalled).toEqual([]);
    health = await checkJobHealth(db, schedules, new Date(now.getTime() + 5 * MIN));
    expect(health.stalled).toEqual(["cron:every-minute"]);
  });

  it("calls every schedule stalled when none has ever run, and keeps the failure's error", async () => {
    let health = await checkJobHealth(db, schedules);
    expect(health.stalled).toEqual(["cron:every-minute", "cron:daily"]);
    await recordCronRun(db, "every-minute", { ok: true });
    await recordCronRun(db, "every-minute", { ok: false, error: "SMTP refused" });
    health = await checkJobHealth(db, schedules);
    // The daily job has had less than a day since schedules began: not late yet.
    expect(health.stalled).toEqual([]);
    expect(health.crons[0]).toMatchObject({ functionId: "every-minute", lastError: "SMTP refused" });
    expect(health.crons[0]!.lastFailedAt).toBeInstanceOf(Date);
  });
});

describe("cron-run middleware", () => {
  it("records a scheduled run of a real function", async () => {
    await new InngestTestEngine({ function: drainOutbox }).execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] });
    const row = await db.cronRun.findUnique({ where: { functionId: "drain-outbox" } });
    expect(row?.lastOkAt).toBeInstanceOf(Date);
  });
});

describe("GET /api/health", () => {
  it("answers 200 with each queue's oldest due age and each schedule's last run", async () => {
    await recordCronRun(db, "drain-outbox", { ok: true });
    // Schedules began half an hour ago: the five-minute SLA sweep has never run since.
    await db.cronRun.update({ where: { functionId: "drain-outbox" }, data: { createdAt: new Date(Date.now() - 30 * MIN) } });
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as {
      ok: boolean;
      jobs: { mode: string; schedulesRunning: boolean; queues: Array<{ queue: string; oldestDueAgeSec: number }>; crons: Array<{ functionId: string; lastOkAt: string | null }>; stalled: string[]; inlineFallbacks: Record<string, number> };
    };
    expect(body.ok).toBe(true);
    expect(body.jobs.queues.map((q) => q.queue)).toContain("crmQueue");
    expect(body.jobs.crons.find((c) => c.functionId === "drain-outbox")?.lastOkAt).toEqual(expect.any(String));
    expect(body.jobs.stalled).toEqual(expect.arrayContaining(["cron:check-sla-breaches"]));
    expect(body.jobs.stalled).not.toContain("cron:drain-outbox");
    // No Inngest is configured in tests.
    expect(body.jobs).toMatchObject({ mode: "unconfigured", schedulesRunning: false });
  });
});
