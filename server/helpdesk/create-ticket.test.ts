import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { SessionUser } from "@/server/auth/session-user";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";

let agent: SessionUser;
let orgId: string;

const input = () => ({
  subject: "Fibre down at the Main St office",
  description: "No sync light on the ONT since 07:00.",
  type: "outage_report",
  priority: "urgent",
  organisationId: orgId,
  reporterName: "Rita Reporter",
  reporterEmail: "rita@example.test",
  serviceAddress: "1 Main St, Springfield",
  affectedServices: ["internet", "voip"],
  deviceSerials: ["SN123456"],
  tags: ["Fibre", "fibre", "vip"],
});

async function fieldErrorsOf(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("BAD_REQUEST");
  const formatted = (error as TRPCError & { cause?: { issues?: { path: (string | number)[]; message: string }[] } }).cause;
  const out: Record<string, string[]> = {};
  for (const issue of formatted?.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

beforeAll(async () => {
  agent = await createTestUser("AGENT");
  orgId = (await createTestOrganisation()).id;
});

describe("helpdesk.tickets.create", () => {
  it("files the ticket, its first message, the trail entry, SLA dates and the acknowledgement together", async () => {
    const { number } = await callerFor(agent).helpdesk.tickets.create(input() as never);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { number }, include: { messages: true, events: true, followers: true } });
    expect(ticket).toMatchObject({
      status: "open",
      priority: "urgent",
      type: "outage_report",
      origin: "customer",
      target: "provider",
      affectedServices: ["internet", "voip"],
      deviceSerials: ["SN123456"],
      tags: ["fibre", "vip"],
    });
    expect(ticket.firstResponseDueAt).not.toBeNull();
    expect(ticket.resolutionDueAt).not.toBeNull();
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ visibility: "public", authorKind: "agent", authorUserId: agent.id });
    expect(ticket.events.map((e) => e.kind)).toEqual(["created"]);
    expect(ticket.followers.map((f) => f.email)).toEqual(["rita@example.test"]);
    expect(await db.outboxEmail.count({ where: { to: "rita@example.test", subject: { contains: number } } })).toBe(1);
  });

  it("names the field for an unknown organisation, bad e-mail, unknown type or priority, or a refused route, and writes nothing", async () => {
    const before = await db.ticket.count();
    const caller = callerFor(agent).helpdesk.tickets;
    expect(Object.keys(await fieldErrorsOf(caller.create({ ...input(), organisationId: "no-such-org" } as never)))).toEqual(["organisationId"]);
    expect(Object.keys(await fieldErrorsOf(caller.create({ ...input(), reporterEmail: "rita(at)example" } as never)))).toEqual(["reporterEmail"]);
    expect(Object.keys(await fieldErrorsOf(caller.create({ ...input(), type: "coffee_machine" } as never)))).toEqual(["type"]);
    expect(Object.keys(await fieldErrorsOf(caller.create({ ...input(), priority: "asap" } as never)))).toEqual(["priority"]);
    const route = await fieldErrorsOf(caller.create({ ...input(), origin: "customer", target: "platform" } as never));
    expect(route.target?.[0]).toMatch(/cannot address a ticket to the platform/);
    // A provider organisation is not a client.
    const provider = await db.organisation.findUniqueOrThrow({ where: { id: agent.organisationId } });
    expect(Object.keys(await fieldErrorsOf(caller.create({ ...input(), organisationId: provider.id } as never)))).toEqual(["organisationId"]);
    expect(await db.ticket.count()).toBe(before);
    expect(await db.ticketMessage.count({ where: { body: input().description } })).toBe(1);
  });

  it("is for provider staff only", async () => {
    const org = await db.organisation.findUniqueOrThrow({ where: { id: orgId } });
    const client = await createTestUser("CLIENT_ADMIN", org);
    await expect(callerFor(client).helpdesk.tickets.create(input() as never)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
