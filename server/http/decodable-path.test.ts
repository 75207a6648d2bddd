import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

describe("paths with invalid UTF-8", () => {
  it.each(["/t/%C0%AE%C0%AE", "/approve/%C0%AE%C0%AE/approve", "/api/billing/v1/customers/%C0%AE%C0%AE", "/api/v1/tickets/%FF", "/tickets/%E2%82"])(
    "%s is refused with 400 before any route runs",
    async (path) => {
      const response = await proxy(new NextRequest(`http://localhost${path}`));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_path" });
    },
  );

  it("runs the proxy on API routes and dotted paths too", async () => {
    const [matcher] = config.matcher;
    const matches = (path: string) => new RegExp(`^${matcher}$`).test(path);
    expect(matches("/api/billing/v1/customers/x")).toBe(true);
    expect(matches("/t/abc.def")).toBe(true);
    expect(matches("/_next/static/chunk.js")).toBe(false);
  });

  it("lets valid escapes through", async () => {
    const response = await proxy(new NextRequest("http://localhost/t/caf%C3%A9"));
    expect(response.status).toBe(200);
  });
});
