import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BillingError } from "@/server/billing/errors";
import { createPool } from "@/server/db-pool";
import { db } from "@/server/db";
import { PrismaClient } from "@/server/generated/prisma/client";
import { HelpdeskError } from "@/server/helpdesk/errors";
import { mapError } from "./map-error";

const caught = (p: Promise<unknown>) => p.then(() => expect.unreachable("should have failed"), (e: unknown) => e);

describe("mapError", () => {
  it("answers a NUL byte that reached PostgreSQL with a 400 in our words", async () => {
    const error = await caught(db.team.findFirst({ where: { name: "a\u0000b" } }));
    const mapped = mapError(error, "test");
    expect(mapped).toMatchObject({ status: 400, code: "invalid_text", trpcCode: "BAD_REQUEST" });
    expect(mapped.message).not.toMatch(/UTF8|0x00|invalid byte sequence/);
  });

  it("answers a number PostgreSQL cannot store with a 422", async () => {
    const error = await caught(db.$queryRawUnsafe("SELECT $1::numeric(5,2)", "123456789"));
    expect(mapError(error, "test")).toMatchObject({ status: 422, code: "out_of_range" });
  });

  it("answers an unreachable database with 503 and Retry-After, without Prisma's call text", async () => {
    const down = new PrismaClient({ adapter: new PrismaPg(createPool("postgresql://postgres:postgres@127.0.0.1:1/none", 1)) });
    const error = await caught(down.team.create({ data: { name: "x" } as never }));
    const mapped = mapError(error, "test");
    expect(mapped).toMatchObject({ status: 503, code: "database_unavailable", trpcCode: "SERVICE_UNAVAILABLE", retryAfterSec: 5 });
    expect(mapped.message).not.toMatch(/invocation|prisma|127\.0\.0\.1/i);
    await down.$disconnect();
  });

  it("answers a transaction that ran out of time with 503 busy", async () => {
    const error = await caught(db.$transaction(async (tx) => {
      await tx.team.count();
      await new Promise((r) => setTimeout(r, 300));
    }, { timeout: 50 }));
    expect(mapError(error, "test")).toMatchObject({ status: 503, code: "busy", retryAfterSec: 2 });
  });

  it("answers anything unknown with a generic 500 and a reference id", () => {
    const mapped = mapError(new Error('relation "Secret" does not exist at /srv/app/server/x.ts:12'), "test");
    expect(mapped.status).toBe(500);
    expect(mapped.reference).toMatch(/^[0-9a-f]{12}$/);
    expect(mapped.message).toContain(mapped.reference);
    expect(mapped.message).not.toMatch(/relation|Secret|srv/);
  });

  it("keeps the message and field of errors the domains throw on purpose", () => {
    expect(mapError(new HelpdeskError("invalid_input", "Pick a team", "teamId"), "t")).toMatchObject({
      status: 422,
      trpcCode: "BAD_REQUEST",
      message: "Pick a team",
      fieldErrors: { teamId: ["Pick a team"] },
    });
    expect(mapError(new BillingError("not_configured", "Stripe is not set up"), "t")).toMatchObject({ status: 503, trpcCode: "PRECONDITION_FAILED" });
    const zod = z.object({ name: z.string().min(2, "Name is too short") }).safeParse({ name: "a" }).error!;
    expect(mapError(zod, "t")).toMatchObject({ status: 422, message: "name: Name is too short", details: { fieldErrors: { name: "Name is too short" } } });
  });
});
