import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { buildLoginEventData, type LoginEventInput } from "@/server/audit/record-login-event";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { appRouter } from "../root";
import { createTRPCContext } from "../trpc";

let admin: SessionUser;
let agent: SessionUser;
let clientAdmin: SessionUser;
let clientUser: SessionUser;
const HOUR = 3_600_000;

async function event(input: Partial<LoginEventInput> & { hoursAgo: number; country?: string }) {
  const { hoursAgo, country, ...rest } = input;
  const data = buildLoginEventData({
    kind: "sign_in",
    method: "password",
    login: "someone@example.test",
    userId: null,
    success: false,
    reason: "bad_password",
    ip: "203.0.113.1",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    occurredAt: new Date(Date.now() - hoursAgo * HOUR),
    ...rest,
  });
  return db.loginEvent.create({
    data: { ...data, ...(country ? { geoState: "DONE", countryCode: country, country: country === "GB" ? "United Kingdom" : "Germany" } : {}) },
  });
}

beforeAll(async () => {
  const provider = await createTestOrganisation({ kind: "PROVIDER" });
  const client = await createTestOrganisation();
  admin = await createTestUser("PROVIDER_ADMIN", provider);
  agent = await createTestUser("AGENT", provider);
  clientAdmin = await createTestUser("CLIENT_ADMIN", client);
  clientUser = await createTestUser("CLIENT_USER", client);

  await event({ hoursAgo: 0.5, login: agent.email, userId: agent.id, success: true, reason: null, ip: "198.51.100.7", country: "GB" });
  await event({ hoursAgo: 1, login: agent.email, userId: agent.id, ip: "198.51.100.7", country: "GB" });
  await event({ hoursAgo: 2, login: "ghost@example.test", reason: "unknown_user", ip: "192.0.2.200", country: "DE" });
  await event({ hoursAgo: 3, login: "ghost@example.test", reason: "unknown_user", ip: "192.0.2.200", country: "DE" });
  await event({ hoursAgo: 30, login: clientUser.email, userId: clientUser.id, success: true, reason: null, ip: "203.0.113.9" });
  await event({ hoursAgo: 50, login: agent.email, userId: agent.id, success: true, reason: null, ip: "10.0.0.4" });
  await event({ hoursAgo: 0.2, kind: "sign_out", method: null, login: agent.email, userId: agent.id, success: true, reason: null, ip: "198.51.100.7" });
});

describe("audit router: who may call it", () => {
  const probes = (caller: ReturnType<typeof callerFor>) => [
    () => caller.audit.events.list({}),
    () => caller.audit.events.groups({ by: "ip" }),
    () => caller.audit.events.get({ id: "x" }),
    () => caller.audit.events.series({ days: 7 }),
    () => caller.audit.events.recentFailures(),
    () => caller.audit.users.list({}),
    () => caller.audit.users.get({ id: admin.id }),
    () => caller.audit.settings.get(),
    () => caller.audit.settings.update({
      retentionDays: 1, burstThreshold: 1, burstWindowMinutes: 1, burstCooldownMinutes: 0, alertsEnabled: false,
      geoEndpoint: null, rateLimitPerLogin: 0, rateLimitPerIp: 0, rateLimitWindowMinutes: 1,
    }),
    () => caller.audit.settings.enrichGeoNow(),
  ];

  it("refuses agents, client admins and client users every procedure with FORBIDDEN", async () => {
    for (const user of [agent, clientAdmin, clientUser]) {
      for (const probe of probes(callerFor(user))) await expect(probe()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const probe of probes(callerFor(null))) await expect(probe()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Nothing was changed by the refused update.
    expect(await db.auditSettings.count()).toBe(0);
  });

  it("answers 403 over HTTP too", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/audit.events.list?input=" + encodeURIComponent(JSON.stringify({ json: {} }))),
      router: appRouter,
      createContext: () => createTRPCContext({ headers: new Headers(), user: clientAdmin }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("ghost@example.test");
  });

  it("offers no way to edit or delete a login event", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((name) => name.startsWith("audit."));
    expect(procedures.sort()).toEqual([
      "audit.events.get",
      "audit.events.groups",
      "audit.events.list",
      "audit.events.recentFailures",
      "audit.events.series",
      "audit.settings.enrichGeoNow",
      "audit.settings.get",
      "audit.settings.update",
      "audit.users.get",
      "audit.users.list",
    ]);
  });
});

describe("audit router for a provider admin", () => {
  const api = () => callerFor(admin).audit;

  it("lists newest first and filters by result, login, user, IP prefix, country, unknown users and dates", async () => {
    const all = await api().events.list({});
    expect(all.total).toBe(7);
    expect(all.rows[0]).toMatchObject({ kind: "SIGN_OUT", login: agent.email, user: { email: agent.email } });

    expect((await api().events.list({ result: "FAILURE" })).total).toBe(3);
    expect((await api().events.list({ login: "GHOST" })).total).toBe(2);
    expect((await api().events.list({ userId: agent.id })).total).toBe(4);
    expect((await api().events.list({ ip: "198.51.100." })).total).toBe(3);
    expect((await api().events.list({ country: "de" })).rows.map((r) => r.country)).toEqual(["Germany", "Germany"]);
    expect((await api().events.list({ unknownUsers: true })).rows.every((r) => r.userId === null)).toBe(true);
    expect((await api().events.list({ from: new Date(Date.now() - 24 * HOUR) })).total).toBe(5);
    expect((await api().events.list({ from: new Date(Date.now() - 40 * HOUR), to: new Date(Date.now() - 24 * HOUR) })).total).toBe(1);
    expect((await api().events.list({ reason: "UNKNOWN_USER", pageSize: 1, page: 2 })).rows).toHaveLength(1);
  });

  it("rejects bad filters with field errors", async () => {
    await expect(api().events.list({ country: "Germany" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api().events.list({ from: new Date(), to: new Date(Date.now() - HOUR) })).rejects.toThrow(/from/);
  });

  it("groups by IP, country and user with success and failure counts", async () => {
    const byIp = await api().events.groups({ by: "ip" });
    expect(byIp[0]).toMatchObject({ key: "198.51.100.7", total: 3, successes: 2, failures: 1 });
    const byCountry = await api().events.groups({ by: "country", result: "FAILURE" });
    expect(byCountry.map((g) => [g.key, g.failures])).toEqual([["DE", 2], ["GB", 1]]);
    const byUser = await api().events.groups({ by: "user" });
    expect(byUser.find((g) => g.key === null)).toMatchObject({ label: "No account (unknown logins)", total: 2 });
    expect(byUser.find((g) => g.key === agent.id)).toMatchObject({ total: 4, label: expect.stringContaining(agent.email) });
  });

  it("shows one event with its raw fields", async () => {
    const [row] = (await api().events.list({ login: "ghost" })).rows;
    const detail = await api().events.get({ id: row!.id });
    expect(detail).toMatchObject({ userAgentRaw: expect.stringContaining("iPhone"), deviceType: "MOBILE", geoState: "DONE", failureReason: "UNKNOWN_USER" });
    await expect(api().events.get({ id: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("charts sign-in successes and failures per bucket, and sums the last 24 hours of failures", async () => {
    const day = await api().events.series({ days: 1 });
    expect(day.bucket).toBe("hour");
    expect(day.points).toHaveLength(24);
    expect(day.points.reduce((n, p) => n + p.successes, 0)).toBe(1);
    expect(day.points.reduce((n, p) => n + p.failures, 0)).toBe(3);
    const week = await api().events.series({ days: 7 });
    expect(week.bucket).toBe("day");
    expect(week.points.reduce((n, p) => n + p.successes + p.failures, 0)).toBe(6);

    const failures = await api().events.recentFailures();
    expect(failures).toMatchObject({ total: 3, unknownUsers: 2, distinctLogins: 2, distinctIps: 2 });
    expect(failures.byLogin[0]).toMatchObject({ login: "ghost@example.test", count: 2 });
    expect(failures.byIp.map((g) => g.ip)).toEqual(["192.0.2.200", "198.51.100.7"]);
    expect(failures.focus).toBeNull();
  });

  it("focuses on the alert e-mail's login: its failures and account, whatever its rank", async () => {
    const focused = await api().events.recentFailures({ login: `  ${agent.email.toUpperCase()} ` });
    expect(focused.focus).toMatchObject({ login: agent.email, count: 1, userId: agent.id, clientOrganisationLabel: null });
    expect((await api().events.recentFailures({ login: "nobody-tried@example.test" })).focus).toMatchObject({ count: 0, userId: null });
    await expect(api().events.recentFailures({ login: "x".repeat(300) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("summarises a user's sign-ins: count, last success and address, latest events", async () => {
    const summary = await api().users.get({ id: agent.id });
    expect(summary).toMatchObject({ signInCount: 2, failureCount: 1, lastSuccess: { ip: "198.51.100.7", countryCode: "GB" } });
    expect(summary.recent.map((r) => r.kind)).toEqual(["SIGN_OUT", "SIGN_IN", "SIGN_IN", "SIGN_IN"]);
    const users = await api().users.list({ search: agent.email });
    expect(users.rows).toEqual([expect.objectContaining({ id: agent.id, signInCount: 2, role: "AGENT" })]);
    await expect(api().users.get({ id: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reads defaults, saves settings and refuses invalid ones", async () => {
    const before = await api().settings.get();
    expect(before.settings).toMatchObject({ retentionDays: 365, burstThreshold: 5, burstWindowMinutes: 15, burstCooldownMinutes: 60, alertsEnabled: true, geoEndpoint: null });
    expect(before.defaultGeoEndpoint).toContain("ip-api.com");
    const values = {
      retentionDays: 90, burstThreshold: 3, burstWindowMinutes: 10, burstCooldownMinutes: 30, alertsEnabled: false,
      geoEndpoint: "http://127.0.0.1:9/json/{ip}", rateLimitPerLogin: 5, rateLimitPerIp: 20, rateLimitWindowMinutes: 10,
    };
    await api().settings.update(values);
    expect((await api().settings.get()).settings).toMatchObject({ ...values, updatedById: admin.id });
    await expect(api().settings.update({ ...values, geoEndpoint: "ftp://x/{ip}" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api().settings.update({ ...values, geoEndpoint: "http://x/json" })).rejects.toThrow(/\{ip\}/);
    await expect(api().settings.update({ ...values, burstThreshold: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api().settings.update({ ...values, geoEndpoint: "" });
    expect((await api().settings.get()).settings.geoEndpoint).toBeNull();
  });
});
