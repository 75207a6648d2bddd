import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { ignoreLoggingIncomingRequests } from "next/dist/server/dev/log-requests";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";

const APP_URL = process.env.APP_URL;
afterEach(() => {
  process.env.APP_URL = APP_URL;
});

function policyOf(res: Response): Map<string, string> {
  const csp = res.headers.get("content-security-policy") ?? "";
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values.join(" ")]));
}

describe("security headers (proxy.ts)", () => {
  it("a console page and the approval confirmation page get a nonce-based policy and cannot be framed", async () => {
    for (const path of ["/dashboard", "/approve/some-token/approve", "/sign-in"]) {
      const res = await proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: "next-auth.session-token=x" } }));
      const policy = policyOf(res);
      expect(policy.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
      expect(policy.get("frame-ancestors")).toBe("'none'");
      expect(policy.get("object-src")).toBe("'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("hands Next.js the same nonce on the request, fresh per request", async () => {
    const a = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const b = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const forwarded = a.headers.get("x-middleware-request-content-security-policy");
    expect(forwarded).toBe(a.headers.get("content-security-policy"));
    expect(policyOf(a).get("script-src")).not.toBe(policyOf(b).get("script-src"));
  });

  it("adds HSTS and upgrade-insecure-requests only when the app is served over https", async () => {
    process.env.APP_URL = "https://switchboard.example";
    const res = await proxy(new NextRequest("https://switchboard.example/sign-in"));
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8}/);
    expect(policyOf(res).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets only the signing page embed its own one-page PDF; every other page stays unframeable", async () => {
    const pdf = await proxy(new NextRequest("http://localhost:3000/sign/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG/page-pdf"));
    expect(policyOf(pdf).get("frame-ancestors")).toBe("'self'");
    expect(pdf.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const page = await proxy(new NextRequest("http://localhost:3000/sign/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
    expect(policyOf(page).get("object-src")).toBe("'self'");
    const other = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    expect(policyOf(other).get("object-src")).toBe("'none'");
    expect(policyOf(other).get("frame-ancestors")).toBe("'none'");
  });

  it("keeps its headers on the redirect to sign-in", async () => {
    const res = await proxy(new NextRequest("http://localhost:3000/outbox"));
    expect(res.status).toBe(307);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the dev server's request log", () => {
  it.each(["/t/Zm9sbG93LXVwLXRva2VuLWZvci10ZXN0aW5nLTEyMzQ1Ng", "/approve/abc/approve", "/api/auth/callback/email?callbackUrl=%2F&token=abc&email=a%40b"])(
    "leaves out %s, which carries a live token",
    (url) => {
      expect(ignoreLoggingIncomingRequests({ url } as never, nextConfig.logging as never)).toBe(true);
    },
  );

  it("still logs ordinary pages", async () => {
    expect(ignoreLoggingIncomingRequests({ url: "/tickets?page=2" } as never, nextConfig.logging as never)).toBe(false);
  });
});
