import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { sendApprovalReminders } from "@/inngest/functions/send-approval-reminders";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { updateApprovalSettings } from "./approval-settings";
import { confirmApprovalDecision } from "./confirm-decision";
import { requestApproval } from "./request-approval";
import { selectDueReminders, sendDueReminders } from "./send-reminders";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";

const DAY = 86_400_000;
const agent = { id: null, name: "Sam Agent" };

async function request(ticketIds: string[], sentAt: Date, mode: "single" | "bulk" = "single") {
  return requestApproval({ ticketIds, mode, summaries: [], requestedBy: agent, now: sentAt }, ctx);
}

// Runs in one database: each test uses its own "now" far apart from the others' requests.
describe("reminders", () => {
  it("selects pending requests past the cutoff that were never reminded, and nothing when the setting is 0", async () => {
    const now = new Date("2031-01-10T09:00:00Z");
    const org = await createClientWithOwner();
    const [old, recent, decided, reminded] = await Promise.all([1, 2, 3, 4].map(() => createTestTicket(org.id)));
    const oldReq = await request([old!.id], new Date(now.getTime() - 4 * DAY));
    await request([recent!.id], new Date(now.getTime() - 2 * DAY));
    const decidedReq = await request([decided!.id], new Date(now.getTime() - 5 * DAY));
    const remindedReq = await request([reminded!.id], new Date(now.getTime() - 6 * DAY));
    const approve = approvalLinksIn((await outboxEmail(decidedReq.emailId)).text)[0]!;
    await confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx);
    await db.approvalEngagement.update({ where: { id: remindedReq.engagements[0]!.id }, data: { remindedAt: new Date(now.getTime() - DAY) } });

    const due = await selectDueReminders(db, { now, reminderDays: 3 });
    const mine = due.filter((d) => [oldReq.engagements[0]!.id, decidedReq.engagements[0]!.id, remindedReq.engagements[0]!.id].includes(d.id));
    expect(mine.map((d) => d.id)).toEqual([oldReq.engagements[0]!.id]);
    // Exactly at the cutoff counts as due; 1 ms later does not.
    expect((await selectDueReminders(db, { now: new Date(now.getTime() - DAY), reminderDays: 3 })).map((d) => d.id)).toContain(oldReq.engagements[0]!.id);
    expect((await selectDueReminders(db, { now: new Date(now.getTime() - DAY - 1), reminderDays: 3 })).map((d) => d.id)).not.toContain(oldReq.engagements[0]!.id);
    expect(await selectDueReminders(db, { now, reminderDays: 0 })).toEqual([]);
  });

  it("sends one reminder with the same links, records the time, and never a second", async () => {
    const now = new Date("2032-03-10T09:00:00Z");
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-remind@client.test" } });
    const ticket = await createTestTicket(org.id, { subject: "Backup schedule" });
    const req = await request([ticket.id], new Date(now.getTime() - 4 * DAY));
    const original = approvalLinksIn((await outboxEmail(req.emailId)).text);

    await updateApprovalSettings(db, { reminderDays: 3 });
    const first = await sendDueReminders(ctx, { now });
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const engagement = await db.approvalEngagement.findUniqueOrThrow({ where: { id: req.engagements[0]!.id } });
    expect(engagement.remindedAt?.toISOString()).toBe(now.toISOString());

    const reminders = await Promise.all(
      (await db.outboxEmail.findMany({ where: { to: "kris-remind@client.test", category: "approval-reminder" } })).map((m) => outboxEmail(m.id)),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe('Reminder: still waiting on your approval — "Backup schedule"');
    expect(approvalLinksIn(reminders[0]!.text).map((l) => l.url)).toEqual(original.map((l) => l.url));
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "approval_reminded" } })).toBe(1);

    await sendDueReminders(ctx, { now: new Date(now.getTime() + 10 * DAY) });
    expect(await db.outboxEmail.count({ where: { to: "kris-remind@client.test", category: "approval-reminder" } })).toBe(1);

    // The reminder's link works like the original.
    const fromReminder = approvalLinksIn(reminders[0]!.text).find((l) => l.decision === "approve")!;
    expect((await confirmApprovalDecision({ token: fromReminder.token, decision: "approve" }, ctx)).status).toBe("recorded");
  });

  it("combines a bulk request's due cards into one reminder", async () => {
    const now = new Date("2033-05-10T09:00:00Z");
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-bulk-remind@client.test" } });
    const tickets = [await createTestTicket(org.id, { subject: "One" }), await createTestTicket(org.id, { subject: "Two" })];
    await request(tickets.map((t) => t.id), new Date(now.getTime() - 5 * DAY), "bulk");
    await updateApprovalSettings(db, { reminderDays: 3 });
    await sendDueReminders(ctx, { now });
    const reminders = await Promise.all(
      (await db.outboxEmail.findMany({ where: { to: "kris-bulk-remind@client.test", category: "approval-reminder" } })).map((m) => outboxEmail(m.id)),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe(`Reminder: 2 requests from ${org.label} still waiting on your approval`);
    expect(approvalLinksIn(reminders[0]!.text)).toHaveLength(4);
  });

  it("does nothing while reminders are off (0 days)", async () => {
    const now = new Date("2034-07-10T09:00:00Z");
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-off@client.test" } });
    const ticket = await createTestTicket(org.id);
    const req = await request([ticket.id], new Date(now.getTime() - 30 * DAY));
    await updateApprovalSettings(db, { reminderDays: 0 });
    expect(await sendDueReminders(ctx, { now })).toEqual({ skipped: "off", reminderDays: 0, reminded: 0, emails: 0 });
    expect((await db.approvalEngagement.findUniqueOrThrow({ where: { id: req.engagements[0]!.id } })).remindedAt).toBeNull();
    expect(await db.outboxEmail.count({ where: { to: "kris-off@client.test", category: "approval-reminder" } })).toBe(0);
  });

  it("runs as the daily Inngest function", async () => {
    await updateApprovalSettings(db, { reminderDays: 3 });
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-cron@client.test" } });
    const ticket = await createTestTicket(org.id);
    await request([ticket.id], new Date(Date.now() - 4 * DAY));
    const envCtx = appEnv.approvalContext();
    expect(envCtx.appUrl).toBeTruthy();

    const engine = new InngestTestEngine({ function: sendApprovalReminders });
    const { result, error } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 9 * * *" } }] });
    expect(error).toBeFalsy();
    expect(result).toMatchObject({ reminderDays: 3 });
    expect(await db.outboxEmail.count({ where: { to: "kris-cron@client.test", category: "approval-reminder" } })).toBe(1);
  });
});
