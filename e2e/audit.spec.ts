import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/demo-accounts";
import { queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// A demo account no other spec signs in with, so its rows are this spec's alone.
const LOGIN = "admin@northwind.example";

async function signIn(page: Page, password: string) {
  await page.goto("/sign-in");
  const form = page.getByRole("tabpanel", { name: "Password" });
  await form.getByLabel("E-mail").fill(LOGIN);
  await form.getByRole("textbox", { name: "Password" }).fill(password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe.serial("login audit", () => {
  test("three wrong passwords then the right one are recorded", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (let i = 1; i <= 3; i++) {
      await signIn(page, `wrong-password-${i}`);
      await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    }
    await signIn(page, DEMO_PASSWORD);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await context.close();

    const rows = await queryDb<{ result: string; failureReason: string | null; ip: string }>(
      `SELECT result, "failureReason", ip FROM "LoginEvent" WHERE login = $1 AND kind = 'SIGN_IN' ORDER BY "occurredAt"`,
      [LOGIN],
    );
    expect(rows.map((r) => [r.result, r.failureReason])).toEqual([
      ["FAILURE", "BAD_PASSWORD"],
      ["FAILURE", "BAD_PASSWORD"],
      ["FAILURE", "BAD_PASSWORD"],
      ["SUCCESS", null],
    ]);
    expect(rows[0]?.ip).toBe("127.0.0.1");
  });

  test.describe("as the provider admin", () => {
    test.use({ storageState: STORAGE.admin });

    test("Login events list them with the right results, and the user page shows the last sign-in", async ({ page }) => {
      await page.goto("/dashboard");
      await page.getByRole("link", { name: "Audit" }).click();
      await expect(page.getByRole("heading", { name: "Login audit" })).toBeVisible();

      await page.getByLabel("Login (e-mail typed)").fill(LOGIN);
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/login=admin%40northwind/);
      const table = page.getByRole("table", { name: "Login events" });
      const rows = table.locator("tbody tr");
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toContainText("Success");
      for (const i of [1, 2, 3]) await expect(rows.nth(i)).toContainText("Wrong password");
      await expect(rows.nth(0)).toContainText(LOGIN);

      // Only failures.
      await page.getByLabel("Result").selectOption("FAILURE");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(rows).toHaveCount(3);

      // The detail page shows the raw fields.
      await rows.nth(0).getByRole("link").first().click();
      await expect(page.getByRole("heading", { name: `Sign-in: ${LOGIN}` })).toBeVisible();
      await expect(page.getByText("User-Agent (raw)")).toBeVisible();
      await expect(page.getByText("Wrong password").first()).toBeVisible();

      // The user's page: sign-in count, last successful sign-in and IP, the latest events, and the full history.
      await page.goto("/users");
      await page.getByRole("searchbox", { name: "Search users" }).fill("northwind");
      await page.getByRole("link", { name: LOGIN }).click();
      await expect(page.getByRole("heading", { name: "Nora Northwind" })).toBeVisible();
      await expect(page.getByTestId("user-sign-in-count")).toContainText("1");
      await expect(page.getByTestId("user-last-sign-in")).toContainText("from 127.0.0.1");
      await expect(page.getByRole("table", { name: `Latest sign-in events of ${LOGIN}` }).locator("tbody tr")).toHaveCount(4);
      await page.getByRole("link", { name: "View full history →" }).click();
      await expect(page).toHaveURL(/\/audit\?userId=/);
      await expect(page.getByRole("table", { name: "Login events" }).locator("tbody tr")).toHaveCount(4);
    });

    test("the failures view, grouping and settings work", async ({ page }) => {
      await page.goto("/audit/failures");
      await expect(page.getByRole("table", { name: "Failed sign-ins in the last 24 hours" }).getByText(LOGIN).first()).toBeVisible();

      await page.goto("/audit");
      await page.getByLabel("Grouping").selectOption("ip");
      await expect(page.getByRole("table", { name: "Login events by ip address" }).getByText("127.0.0.1")).toBeVisible();

      await page.goto("/audit/settings");
      const threshold = page.getByLabel("Alert after this many failures");
      await threshold.fill("0");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Too small", { exact: false }).first()).toBeVisible();
      await threshold.fill("6");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText(/Last changed/)).toBeVisible();
      const saved = await queryDb<{ burstThreshold: number }>(`SELECT "burstThreshold" FROM "AuditSettings"`);
      expect(saved[0]?.burstThreshold).toBe(6);
    });
  });

  for (const [role, storage] of [
    ["an agent", STORAGE.agent],
    ["a client admin", STORAGE.entechAdmin],
  ] as const) {
    test.describe(`as ${role}`, () => {
      test.use({ storageState: storage });

      test("the audit and user pages answer 403", async ({ page }) => {
        for (const path of ["/audit", "/audit/failures", "/audit/settings", "/users"]) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(403);
        }
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      });
    });
  }
});
