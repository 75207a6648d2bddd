import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestEmailTo, linkIn, queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// Addresses only this spec uses, so its rows and mails are its own.
const ORG = { name: "Brightwave Ltd", label: "BRIGHT" };
const FIRST_ADMIN = "fay.first@brightwave.example";
const COLLEAGUE = "cole.league@brightwave.example";
const ADMIN_PASSWORD = "brightwave-admin-pass";
const COLLEAGUE_PASSWORD = "brightwave-colleague-pass";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  const form = page.getByRole("tabpanel", { name: "Password" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByRole("textbox", { name: "Password" }).fill(password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function acceptInvitation(browser: Browser, email: string, name: string, password: string) {
  const mail = await latestEmailTo(email, "%invited%");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(linkIn(mail.text, "/invite/"));
  await expect(page.getByRole("heading", { name: `Join ${ORG.name}` })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password (optional)").fill(password);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByRole("heading", { name: `Welcome to ${ORG.name}` })).toBeVisible();
  return { context, page };
}

test.describe.serial("people and organisations", () => {
  test("a provider admin creates an organisation and invites its admin, who accepts and invites a colleague", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    await admin.goto("/organisations");
    const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Create organisation" }) });
    await form.getByRole("textbox", { name: "Name", exact: true }).fill(ORG.name);
    await form.getByLabel("Short label").fill(ORG.label);
    await form.getByLabel("Owner name").fill("Olive Owner");
    await form.getByLabel("Owner e-mail").fill("olive@brightwave.example");
    await form.getByLabel("First admin's e-mail").fill(FIRST_ADMIN);
    await form.getByRole("button", { name: "Create organisation" }).click();
    await expect(admin).toHaveURL(/\/organisations\/[^/]+$/);
    await expect(admin.getByRole("list", { name: "Pending invitations" })).toContainText(FIRST_ADMIN);
    await adminContext.close();

    const { context, page } = await acceptInvitation(browser, FIRST_ADMIN, "Fay First", ADMIN_PASSWORD);
    await signIn(page, FIRST_ADMIN, ADMIN_PASSWORD);
    await expect(page).toHaveURL(/\/my-tickets/);
    await page.getByRole("link", { name: "People", exact: true }).click();
    await expect(page.getByRole("heading", { name: `People at ${ORG.name}` })).toBeVisible();
    await page.getByLabel("E-mail").fill(COLLEAGUE);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(COLLEAGUE);
    await context.close();

    const colleague = await acceptInvitation(browser, COLLEAGUE, "Cole League", COLLEAGUE_PASSWORD);
    await colleague.context.close();
    const rows = await queryDb<{ role: string }>(
      `SELECT m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Organisation" o ON o.id = m."organisationId" WHERE u.email = $1 AND o.label = $2`,
      [COLLEAGUE, ORG.label],
    );
    expect(rows).toEqual([{ role: "CLIENT_USER" }]);
  });

  test("a disabled user's open session stops working on the next request", async ({ browser }) => {
    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    await signIn(user, COLLEAGUE, COLLEAGUE_PASSWORD);
    await expect(user).toHaveURL(/\/my-tickets/);

    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    const [row] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [COLLEAGUE]);
    await admin.goto(`/users/${row?.id}`);
    admin.once("dialog", (dialog) => void dialog.accept());
    await admin.getByRole("button", { name: "Disable" }).click();
    await expect(admin.getByTestId("account-status")).toContainText("Disabled");
    await expect(admin.getByRole("list", { name: "Account history" })).toContainText("Disabled by");

    await user.reload();
    await expect(user).toHaveURL(/\/sign-in/);
    await adminContext.close();
    await userContext.close();
  });

  test("an admin unlocks an account after ten failed sign-ins, from the audit's failures page", async ({ browser }) => {
    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    for (let i = 1; i <= 10; i++) {
      await signIn(user, FIRST_ADMIN, `wrong-password-${i}`);
      // The form's own message (Next's route announcer is a role="alert" too).
      await expect(user.getByText("Wrong e-mail or password.")).toBeVisible();
    }
    await signIn(user, FIRST_ADMIN, ADMIN_PASSWORD);
    await expect(user.getByText(/Try again after \d\d:\d\d UTC/)).toBeVisible();

    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    await admin.goto("/audit/failures");
    await admin.getByRole("link", { name: `Account actions for ${FIRST_ADMIN}` }).click();
    await expect(admin.getByRole("list", { name: "Lock-outs" })).toContainText("127.0.0.1");
    await admin.getByRole("button", { name: "Unlock" }).click();
    await expect(admin.getByText("Not locked out.")).toBeVisible();
    await expect(admin.getByRole("list", { name: "Account history" })).toContainText("Unlocked by");
    await adminContext.close();

    await signIn(user, FIRST_ADMIN, ADMIN_PASSWORD);
    await expect(user).toHaveURL(/\/my-tickets/);
    await userContext.close();
  });

  test("a blocked address cannot sign in; the block is listed and removable in audit settings", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    await admin.goto("/audit/settings");
    await admin.getByLabel("Address or range").fill("127.0.0.0/8");
    await admin.getByLabel("Reason").fill("e2e");
    await admin.getByRole("button", { name: "Block", exact: true }).click();
    const list = admin.getByRole("list", { name: "Blocked addresses" });
    await expect(list).toContainText("127.0.0.0/8");
    try {
      const userContext = await browser.newContext();
      const user = await userContext.newPage();
      await signIn(user, FIRST_ADMIN, ADMIN_PASSWORD);
      await expect(user.getByText(/Sign-in from your network is blocked/)).toBeVisible();
      await userContext.close();
    } finally {
      // The block covers every e2e browser: lift it so later specs can sign in.
      try {
        await admin.getByRole("button", { name: "Remove block of 127.0.0.0/8" }).click();
        await expect(list).not.toContainText("127.0.0.0/8");
      } finally {
        await queryDb(`UPDATE "AddressBlock" SET "removedAt" = now() WHERE "removedAt" IS NULL`);
        await adminContext.close();
      }
    }
    const trail = await queryDb<{ action: string }>(`SELECT action FROM "AccountAction" WHERE action LIKE 'address.%' ORDER BY "occurredAt"`);
    expect(trail.map((t) => t.action)).toEqual(["address.blocked", "address.unblocked"]);
  });
});
