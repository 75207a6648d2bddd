import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestEmailTo, linkIn, queryDb, readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

// Addresses only this spec uses, so its rows and mails are its own.
const ORG = { name: "Brightwave Ltd", label: "BRIGHT" };
const FIRST_ADMIN = "fay.first@brightwave.example";
const COLLEAGUE = "cole.league@brightwave.example";
const ADMIN_PASSWORD = "brightwave-admin-pass";
const COLLEAGUE_PASSWORD = "brightwave-colleague-pass";
const STAFF = "sam.staff@provider.example";
const STAFF_PASSWORD = "sam-staff-own-password";

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

  test("provider staff get their CRM user: created on acceptance where possible, else linked from their page as Vtiger requires", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    // A connection that syncs staff accounts only (no customer modules, no pulls), so no other spec's records move.
    const created = await admin.request.post("/api/trpc/crm.connections.create", {
      data: {
        json: {
          name: "Staff Vtiger",
          baseUrl: readRuntime().fakes.vtiger,
          username: "admin",
          accessKey: "fake-access-key",
          modules: { Users: { fields: ["user_name", "email1", "first_name", "last_name", "roleid", "status", "user_password", "confirm_password"] } },
          staffRoleId: "H5",
          pullIntervalMinutes: 0,
        },
      },
    });
    expect(created.ok(), await created.text()).toBe(true);
    const connectionId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
    try {
      await admin.goto("/users");
      const invite = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Send invitation" }) });
      // Checked by default while a connection syncs staff (other specs' connections may be named too).
      await expect(invite.getByRole("checkbox", { name: /^Create CRM user \(.*Staff Vtiger/ })).toBeChecked();
      await invite.getByLabel("E-mail").fill(STAFF);
      await invite.getByRole("button", { name: "Send invitation" }).click();
      await expect(admin.getByRole("list", { name: "Pending invitations" })).toContainText(STAFF);

      // The CRM account takes the same password, so accepting asks for one.
      const mail = await latestEmailTo(STAFF, "%invited%");
      const staffContext = await browser.newContext();
      const staff = await staffContext.newPage();
      await staff.goto(linkIn(mail.text, "/invite/"));
      await staff.getByLabel("Your name").fill("Sam Staff");
      const password = staff.getByLabel(/^Password/);
      await expect(password).toHaveAttribute("required", "");
      await password.fill(STAFF_PASSWORD);
      await staff.getByRole("button", { name: "Accept invitation" }).click();
      await expect(staff.getByRole("heading", { name: /^Welcome to/ })).toBeVisible();
      await staffContext.close();

      // Vtiger cannot create users: the page says what its admin must do, then links the user they made.
      const [row] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [STAFF]);
      await admin.goto(`/users/${row?.id}`);
      const card = admin.getByTestId("crm-staff-card").getByRole("region", { name: "Staff Vtiger" });
      await expect(card.getByTestId("crm-link-state")).toHaveText("Not synced", { timeout: 30_000 });
      await expect(card.getByTestId("crm-limits")).toContainText("Settings > User Management > Users");
      await card.getByLabel("CRM user name or e-mail").fill("care1");
      await card.getByRole("button", { name: "Link CRM user" }).click();
      await expect(admin.getByTestId("generated-password")).not.toBeEmpty();
      await expect(card.getByTestId("crm-link-state")).toHaveText("Synced", { timeout: 30_000 });
      await expect(card.getByRole("link", { name: "Open the CRM user" })).toHaveAttribute("href", /Users/);
      await expect(card.getByRole("button", { name: "Re-sync status" })).toBeVisible();
      await expect(admin.getByRole("list", { name: "Account history" })).toContainText("CRM user requested");
    } finally {
      await admin.request.post("/api/trpc/crm.connections.delete", { data: { json: { id: connectionId } } });
      await adminContext.close();
    }
  });

  test("a provider admin moves a person to another organisation from their page", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: STORAGE.admin });
    const admin = await adminContext.newPage();
    const [target] = await queryDb<{ name: string; label: string }>(`SELECT name, label FROM "Organisation" WHERE kind = 'CLIENT' AND label <> $1 AND "archivedAt" IS NULL ORDER BY name LIMIT 1`, [ORG.label]);
    const [row] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [COLLEAGUE]);
    await admin.goto(`/users/${row?.id}`);
    const form = admin.getByRole("form", { name: "Move membership" });
    await form.getByLabel("Find the organisation").fill(target!.label);
    // The label carries a hidden "*" (required): find the select by its accessible name.
    const to = form.getByRole("combobox", { name: "To", exact: true });
    await expect(to.locator("option", { hasText: `(${target!.label})` })).toHaveCount(1);
    await to.selectOption({ label: `${target!.name} (${target!.label})` });
    await form.getByRole("combobox", { name: "Role there", exact: true }).selectOption("CLIENT_ADMIN");
    await form.getByRole("button", { name: "Move membership" }).click();
    await expect(admin.getByRole("list", { name: "Account history" })).toContainText("Moved to another organisation");
    const rows = await queryDb<{ label: string; role: string }>(
      `SELECT o.label, m.role FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId" WHERE m."userId" = $1`,
      [row!.id],
    );
    expect(rows).toEqual([{ label: target!.label, role: "CLIENT_ADMIN" }]);
    await adminContext.close();
  });
});
