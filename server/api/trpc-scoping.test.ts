import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

let providerAdmin: SessionUser;
let agent: SessionUser;
let clientAdminA: SessionUser;
let clientUserA: SessionUser;
let clientAdminB: SessionUser;

beforeAll(async () => {
  const provider = await createTestOrganisation({ kind: "PROVIDER" });
  const orgA = await createTestOrganisation({ label: "ACME" + Date.now().toString(36).toUpperCase() });
  const orgB = await createTestOrganisation();
  providerAdmin = await createTestUser("PROVIDER_ADMIN", provider);
  agent = await createTestUser("AGENT", provider);
  clientAdminA = await createTestUser("CLIENT_ADMIN", orgA);
  clientUserA = await createTestUser("CLIENT_USER", orgA);
  clientAdminB = await createTestUser("CLIENT_ADMIN", orgB);
});

describe("procedure tiers", () => {
  it("protectedProcedure refuses anonymous callers", async () => {
    await expect(callerFor(null).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(clientUserA).me.get()).resolves.toMatchObject({ id: clientUserA.id });
  });

  it("adminProcedure admits provider admins only", async () => {
    await expect(callerFor(providerAdmin).outbox.list({})).resolves.toMatchObject({ page: 1 });
    for (const user of [agent, clientAdminA, clientUserA]) {
      await expect(callerFor(user).outbox.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("organisation-scoped procedures return the caller's own organisation only", async () => {
    const a = await callerFor(clientAdminA).organisation.mine();
    const b = await callerFor(clientAdminB).organisation.mine();
    expect(a.id).toBe(clientAdminA.organisationId);
    expect(b.id).toBe(clientAdminB.organisationId);
    expect(a.members.map((m) => m.email).sort()).toEqual([clientAdminA.email, clientUserA.email].sort());
    expect(b.members.map((m) => m.email)).not.toContain(clientUserA.email);
  });
});

describe("tRPC over HTTP", () => {
  const call = (url: string, user: SessionUser | null) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`http://localhost/api/trpc/${url}`),
      router: appRouter,
      createContext: () => createTRPCContext({ headers: new Headers(), user }),
    });

  it("answers invalid input with 400 and names the field", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { pageSize: 1000 } }));
    const res = await call(`outbox.list?input=${input}`, providerAdmin);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.json.message).toMatch(/pageSize/);
    expect(body.error.json.data.fieldErrors.pageSize[0]).toMatch(/100/);
  });

  it("answers a forbidden call with 403", async () => {
    const res = await call(`outbox.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, agent);
    expect(res.status).toBe(403);
  });
});
