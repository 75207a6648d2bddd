import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/demo-accounts";
import { STORAGE } from "./support/storage";
import { latestEmailTo, linkIn } from "./support/runtime";

test.describe("sign-in", () => {
  test("by magic link: the link from the outbox signs in, the dashboard shows, sign-out works", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("tab", { name: "E-mail link" }).click();
    await page.getByRole("tabpanel", { name: "E-mail link" }).getByLabel("E-mail").fill("agent@switchboard.local");
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

    const email = await latestEmailTo("agent@switchboard.local", "%sign-in link%");
    const link = linkIn(email.text, "/api/auth/callback/email");
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toHaveText("Sam Agent");

    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);

    // The link worked once; using it again is refused with a clear message.
    await page.goto(link);
    await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  });

  test("by password", async ({ page }) => {
    await page.goto("/sign-in");
    const form = page.getByRole("tabpanel", { name: "Password" });
    await form.getByLabel("E-mail").fill("admin@switchboard.local");
    await form.getByRole("textbox", { name: "Password" }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Outbox" })).toBeVisible();
  });

  test("a wrong password shows an error and stays on sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    const form = page.getByRole("tabpanel", { name: "Password" });
    await form.getByLabel("E-mail").fill("admin@switchboard.local");
    await form.getByRole("textbox", { name: "Password" }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("authorization", () => {
  test.use({ storageState: STORAGE.entechUser });

  test("a client user is refused the console with a 403 page", async ({ page }) => {
    const response = await page.goto("/dashboard");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByText("user@entech.example")).toBeVisible();
  });
});

test.describe("agent", () => {
  test.use({ storageState: STORAGE.agent });

  test("an agent cannot open the admin-only outbox", async ({ page }) => {
    const response = await page.goto("/outbox");
    expect(response?.status()).toBe(403);
  });
});

test("the health endpoint answers 200 with the database up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: "up" });
});

test.describe("layout and keyboard", () => {
  test.use({ storageState: STORAGE.admin });

  test("at 390px the console fits the screen and the menu opens the sections", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("dialog").getByRole("link", { name: "Outbox" }).click();
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  });

  test("the skip link is the first stop and moves focus to the content", async ({ page }) => {
    await page.goto("/dashboard");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});

test("sign-in works from the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Password" }).focus();
  // Tab order: the tab, its panel (focusable, as the WAI-ARIA tabs pattern has it), then the e-mail field.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("tabpanel", { name: "Password" }).getByLabel("E-mail")).toBeFocused();
  await page.keyboard.type("agent@switchboard.local");
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});
