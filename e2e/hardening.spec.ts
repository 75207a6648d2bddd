import { expect, test } from "@playwright/test";
import { latestEmailTo, linkIn, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("hardening", () => {
  test("a client that forges X-Forwarded-For is recorded at its real address on `next start`", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" } });
    const page = await context.newPage();
    const login = `forger.${stamp()}@example.test`;
    await page.goto("/sign-in");
    const form = page.getByRole("tabpanel", { name: "Password" });
    await form.getByLabel("E-mail").fill(login);
    await form.getByRole("textbox", { name: "Password" }).fill("not-the-password");
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    await context.close();
    const rows = await queryDb<{ ip: string }>(`SELECT ip FROM "LoginEvent" WHERE login = $1`, [login]);
    expect(rows.map((r) => r.ip)).toEqual(["127.0.0.1"]);
  });

  test("console pages and the approval page carry a nonce CSP, refuse framing, and still work under it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: STORAGE.admin });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto("/dashboard");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    // Hydrated under the policy: a client-side interaction works.
    await page.getByRole("link", { name: "Outbox" }).first().click();
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    const approval = await page.goto(`/approve/${"x".repeat(43)}/approve`);
    expect(approval!.headers()["x-frame-options"]).toBe("DENY");
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the Outbox page shows a sign-in mail with its link masked; the recipient's copy works", async ({ browser }) => {
    const visitor = await browser.newPage();
    await visitor.goto("/sign-in");
    await visitor.getByRole("tab", { name: "E-mail link" }).click();
    await visitor.getByRole("tabpanel", { name: "E-mail link" }).getByLabel("E-mail").fill("user@northwind.example");
    await visitor.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(visitor.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    const link = linkIn((await latestEmailTo("user@northwind.example", "%sign-in link%")).text, "/api/auth/callback/email");
    const token = new URL(link).searchParams.get("token")!;

    const admin = await browser.newContext({ storageState: STORAGE.admin });
    const page = await admin.newPage();
    await page.goto("/outbox");
    // The shared list search (components/ui/list-filters.tsx) narrows the Outbox to this recipient.
    await page.getByRole("searchbox", { name: "Search by recipient or subject" }).fill("user@northwind.example");
    await expect(page.getByRole("cell", { name: "user@northwind.example" }).first()).toBeVisible();
    await page.getByRole("button", { name: "Your Switchboard sign-in link" }).first().click();
    const text = page.getByTestId("outbox-message-text");
    await expect(text).toContainText("token=••••••");
    expect(await page.content()).not.toContain(token);
    await admin.close();
    const rows = await queryDb<{ row: string }>(`SELECT row_to_json(o)::text AS row FROM "OutboxEmail" o WHERE "to" = $1`, ["user@northwind.example"]);
    expect(rows.some((r) => r.row.includes(token))).toBe(false);

    await visitor.goto(link);
    await expect(visitor).not.toHaveURL(/\/sign-in/);
    await visitor.close();
  });
});
