/**
 * Every procedure passes through one error boundary (server/api/trpc.ts): a
 * NUL character anywhere in the input is a BAD_REQUEST naming the field
 * before any query runs, and an unexpected failure reaches the client as a
 * generic message with a reference id, never PostgreSQL's or Prisma's text.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { toTRPCError } from "./trpc";

const caught = (p: Promise<unknown>) => p.then(() => expect.unreachable("should have failed"), (e: unknown) => e as TRPCError);

describe("tRPC error boundary", () => {
  it("refuses a NUL in a query's search, a ticket id and a CRM customer's name, naming the field", async () => {
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const cases = [
      caught(admin.helpdesk.tickets.list({ search: "printer\u0000" })),
      caught(admin.helpdesk.tickets.checkSla({ ticketId: "t\u0000" })),
      caught(admin.customers.get({ id: "c\u0000" })),
      caught(admin.billing.metrics.create({ code: "calls", name: "API\u0000 calls", aggregation: "sum", unitLabel: "calls" })),
    ];
    const errors = await Promise.all(cases);
    for (const error of errors) {
      expect(error).toBeInstanceOf(TRPCError);
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/contains a NUL character/);
      expect(error.message).not.toMatch(/UTF8|0x00|invocation/);
    }
    expect(errors[0]!.message).toMatch(/^input\.search /);
  });

  it("turns an unexpected error into a generic INTERNAL_SERVER_ERROR with a reference", () => {
    const error = toTRPCError(new Error('Invalid `prisma.ticket.findMany()` invocation: relation "Ticket" does not exist'), "helpdesk.tickets.list");
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toMatch(/^Something went wrong on our side \(reference [0-9a-f]{12}\)/);
    expect(error.message).not.toMatch(/prisma|relation/);
    expect(error.cause).toBeUndefined();
  });
});
