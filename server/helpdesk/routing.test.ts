import { describe, expect, it } from "vitest";
import { ACTOR_KINDS } from "@/lib/helpdesk/actor-kinds";
import { TICKET_TYPES } from "@/lib/helpdesk/ticket-types";
import { RoutingRefusedError, isRouteAllowed, resolveRouting, resolveRoutingOrThrow } from "./routing";

const ALLOWED = new Set([
  "customer→provider",
  "provider→partner",
  "provider→platform",
  "partner→provider",
  "partner→platform",
  "platform→partner",
]);

describe("resolveRouting", () => {
  it("allows exactly the seed's routes and refuses every other combination", () => {
    for (const origin of ACTOR_KINDS) {
      for (const target of ACTOR_KINDS) {
        const key = `${origin}→${target}`;
        const result = resolveRouting({ type: "technical_support", origin, target });
        expect(result.ok, key).toBe(ALLOWED.has(key));
        expect(isRouteAllowed(origin, target), key).toBe(ALLOWED.has(key));
        if (!result.ok) {
          expect(result.error).toMatchObject({ field: "target", code: "route_not_allowed" });
        }
      }
    }
  });

  it("defaults the target by origin and type, always to an allowed route", () => {
    const target = (origin: string, type: string) => {
      const r = resolveRouting({ type, origin });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.route.defaulted).toBe(true);
      return r.route.target;
    };
    expect(target("customer", "billing_issue")).toBe("provider");
    expect(target("customer", "outage_report")).toBe("provider");
    expect(target("provider", "outage_report")).toBe("partner");
    expect(target("provider", "installation_request")).toBe("partner");
    expect(target("provider", "billing_issue")).toBe("platform");
    expect(target("partner", "network_issue")).toBe("provider");
    expect(target("platform", "general_inquiry")).toBe("partner");
    for (const origin of ACTOR_KINDS) {
      for (const type of TICKET_TYPES) {
        expect(isRouteAllowed(origin, target(origin, type)), `${origin}/${type}`).toBe(true);
      }
    }
  });

  it("treats an empty or null target as not given", () => {
    expect(resolveRouting({ type: "speed_issue", origin: "customer", target: "" })).toMatchObject({
      ok: true,
      route: { target: "provider", defaulted: true },
    });
    expect(resolveRouting({ type: "speed_issue", origin: "customer", target: null })).toMatchObject({ ok: true });
  });

  it("keeps an explicit allowed target", () => {
    expect(resolveRouting({ type: "outage_report", origin: "provider", target: "platform" })).toEqual({
      ok: true,
      route: { type: "outage_report", origin: "provider", target: "platform", defaulted: false },
    });
  });

  it("names the field and the reason for bad input", () => {
    expect(resolveRouting({ type: "broken_toaster", origin: "customer" })).toMatchObject({
      ok: false,
      error: { field: "type", code: "unknown_type", message: expect.stringContaining('"broken_toaster"') },
    });
    expect(resolveRouting({ type: "billing_issue", origin: "tenant" })).toMatchObject({
      ok: false,
      error: { field: "origin", code: "unknown_actor_kind", message: expect.stringContaining('"tenant"') },
    });
    expect(resolveRouting({ type: "billing_issue", origin: "customer", target: "bank" })).toMatchObject({
      ok: false,
      error: { field: "target", code: "unknown_actor_kind" },
    });
    const refused = resolveRouting({ type: "billing_issue", origin: "customer", target: "platform" });
    expect(refused).toMatchObject({
      ok: false,
      error: { field: "target", message: "A customer cannot address a ticket to the platform; allowed: provider" },
    });
    const self = resolveRouting({ type: "billing_issue", origin: "provider", target: "provider" });
    expect(self.ok ? "" : self.error.message).toContain("to itself");
  });

  it("has a throwing variant carrying field and code", () => {
    expect(resolveRoutingOrThrow({ type: "billing_issue", origin: "customer" }).target).toBe("provider");
    try {
      resolveRoutingOrThrow({ type: "billing_issue", origin: "customer", target: "partner" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RoutingRefusedError);
      expect(e).toMatchObject({ field: "target", code: "route_not_allowed" });
    }
  });
});
