import crypto from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { startSmtpSink } from "@/server/testing/smtp-sink";

// The route as the Inngest executor calls it: introspection, then signed
// POSTs that run one function. Cloud mode, so signatures are enforced.
const SIGNING_KEY = `signkey-test-${crypto.randomBytes(32).toString("hex")}`;
let route: typeof import("./route");
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

/** JSON with sorted keys: the canonical form Inngest signs. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sign(body: string, key = SIGNING_KEY): string {
  const ts = Math.floor(Date.now() / 1000).toString();
  const hmacKey = key.replace(/^signkey-\w+-/, "");
  const s = crypto.createHmac("sha256", hmacKey).update(body + ts).digest("hex");
  return `t=${ts}&s=${s}`;
}

function runRequest(emailId: string, signature: string | null) {
  const payload = {
    ctx: { attempt: 0, run_id: `01J${crypto.randomBytes(8).toString("hex").toUpperCase()}`, stack: { current: 0, stack: [] } },
    event: { data: { emailId }, name: "mail/email.queued" },
    events: [{ data: { emailId }, name: "mail/email.queued" }],
    steps: {},
    version: 1,
  };
  const body = canonical(payload);
  const headers: Record<string, string> = { "content-type": "application/json", "x-inngest-server-kind": "cloud" };
  if (signature !== null) headers["x-inngest-signature"] = signature === "" ? sign(body) : signature;
  return new NextRequest("http://localhost:3000/api/inngest?fnId=switchboard-deliver-email&stepId=step", {
    method: "POST",
    headers,
    body,
  });
}

beforeAll(async () => {
  process.env.INNGEST_SIGNING_KEY = SIGNING_KEY;
  delete process.env.INNGEST_DEV;
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  route = await import("./route");
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

describe("/api/inngest", () => {
  it("answers the executor's signed introspection, and refuses an unsigned one", async () => {
    const url = "http://localhost:3000/api/inngest";
    const res = await route.GET(new NextRequest(url, { headers: { "x-inngest-signature": sign("") } }), undefined as never);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ mode: "cloud", has_signing_key: true, authentication_succeeded: true, app_id: "switchboard" });
    expect(body.function_count).toBeGreaterThanOrEqual(2);

    const unsigned = await route.GET(new NextRequest(url), undefined as never);
    expect(unsigned.status).toBe(401);
  });

  it("runs the function on a correctly signed request", async () => {
    const id = await enqueueEmail(db, { to: "signed@example.test", subject: "Signed run", text: "x" });
    const res = await route.POST(runRequest(id, ""), undefined as never);
    expect(res.status).toBeLessThan(300);
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
    expect(smtp.received.some((m) => m.to.includes("signed@example.test"))).toBe(true);
  });

  it.each([
    ["unsigned", null],
    ["wrongly signed", sign("{}", `signkey-test-${"ab".repeat(32)}`)],
  ])("refuses an %s request and runs nothing", async (_label, signature) => {
    const id = await enqueueEmail(db, { to: "forged@example.test", subject: "Forged run", text: "x" });
    const res = await route.POST(runRequest(id, signature), undefined as never);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});
