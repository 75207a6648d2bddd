import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { startSmtpSink } from "@/server/testing/smtp-sink";
import { deliverEmail } from "./deliver-email";

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const engine = new InngestTestEngine({ function: deliverEmail });
const run = (emailId: string) =>
  engine.execute({ events: [{ name: "mail/email.queued", data: { emailId } }] });

describe("deliver-email", () => {
  it("keeps a failed send in the outbox with its error, then delivers on retry", async () => {
    const id = await enqueueEmail(db, { to: "reporter@example.test", subject: "Ticket TCK-RETRY", text: "Hello" });
    smtp.setRefusing(true);
    const failed = await run(id);
    expect(failed.error).toBeTruthy();
    const afterFailure = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(afterFailure.status).toBe("FAILED");
    expect(afterFailure.attempts).toBe(1);
    expect(afterFailure.lastError).toMatch(/451|temporarily/i);
    expect(smtp.received).toHaveLength(0);

    smtp.setRefusing(false);
    const ok = await run(id);
    expect(ok.error).toBeFalsy();
    const sent = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(sent.status).toBe("SENT");
    expect(sent.attempts).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(["reporter@example.test"]);
    expect(smtp.received[0]?.raw).toContain("Subject: Ticket TCK-RETRY");
  });

  it("never sends a message twice, even when the event is delivered again", async () => {
    const before = smtp.received.length;
    const id = await enqueueEmail(db, { to: "twice@example.test", subject: "Once only", text: "x" });
    await run(id);
    await run(id);
    expect(smtp.received.length - before).toBe(1);
  });

  it("marks a message DEAD after its last attempt and keeps it", async () => {
    const id = await enqueueEmail(db, { to: "dead@example.test", subject: "Doomed", text: "x" });
    await db.outboxEmail.update({ where: { id }, data: { maxAttempts: 1 } });
    smtp.setRefusing(true);
    await run(id);
    smtp.setRefusing(false);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("DEAD");
    expect(row.lastError).toBeTruthy();
  });
});
