import { expect, test, type Page } from "@playwright/test";
import { vtigerControl, vtigerRecords } from "./fakes/vtiger/fake-vtiger-control-client";
import { readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

async function createCustomer(page: Page, name: string, email: string, phone: string): Promise<string> {
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind").selectOption("person");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Phone").fill(phone);
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("onboarding a stock Vtiger 8.4 over existing customers: backfill adopts, edits push, a task lands, a pull brings a CRM change", async ({ page }) => {
  test.setTimeout(150_000);
  const vtigerUrl = readRuntime().fakes.vtiger!;
  // A stock install: sync is broken (pulls fall back to VTQL), and Olga is already in the CRM.
  await vtigerControl("reset", { data: true });
  await vtigerControl("stock-install", { stock: true });
  const { id: olgaContact } = (await vtigerControl("seed", {
    module: "Contacts",
    fields: { firstname: "Olga", lastname: "Onboard", email: "olga.onboard@example.test", mailingcity: "Geelong" },
  })) as { id: string };

  // Customers that exist before any connection.
  const olga = await createCustomer(page, "Olga Onboard", "olga.onboard@example.test", "+61 3 5550 0100");
  const nina = await createCustomer(page, "Nina New", "nina.new@example.test", "+61 3 5550 0101");

  // Add the connection, picking the key field from what the CRM's describe lists.
  await page.goto("/integrations/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Onboarding Vtiger");
  await page.getByLabel("Base URL").fill(vtigerUrl);
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Access key").fill("fake-access-key");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected as admin").first()).toBeVisible();
  await expect(page.getByLabel("Contacts key field")).toHaveValue("cf_switchboard_id");
  await expect(page.getByRole("list", { name: "Contacts fields" }).getByText("Modified Time")).toHaveCount(0);
  await page.getByLabel("Role for follow-up tasks").fill("H5");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: "Onboarding Vtiger" })).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/").pop()!;

  // The backfill runs with progress and finishes with a summary.
  const backfill = page.getByRole("heading", { name: /Initial sync of existing customers/ });
  await expect(backfill).toContainText("Finished");
  await expect(page.getByTestId("backfill-summary")).toContainText("0 failed");
  await expect(page.getByTestId("backfill-pull")).toContainText("First pull: Finished");

  // Olga was adopted (one contact, now carrying her id); Nina was created.
  const olgas = (await vtigerRecords("Contacts")).filter((r) => r.email === "olga.onboard@example.test");
  expect(olgas.map((r) => r.id)).toEqual([olgaContact]);
  expect(olgas[0]!.cf_switchboard_id).toBe(olga);
  expect((await vtigerRecords("Contacts")).filter((r) => r.cf_switchboard_id === nina)).toHaveLength(1);

  // Editing a linked customer pushes the change.
  await page.goto(`/customers/${olga}`);
  await expect(page.getByTestId(`sync-state-${connectionId}`).getByText("Synced", { exact: true })).toBeVisible();
  await page.getByLabel("Phone").fill("+61 3 5550 0199");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(async () => (await vtigerRecords("Contacts")).find((r) => r.id === olgaContact)?.phone).toBe("+61 3 5550 0199");

  // A follow-up task lands in the CRM as a visible Task.
  await page.getByLabel("Subject").fill("Call Olga about onboarding");
  await page.getByLabel("Due").fill("2030-01-15");
  await page.getByRole("button", { name: "Create task" }).click();
  await expect
    .poll(async () => (await vtigerRecords("Calendar")).find((r) => r.subject === "Call Olga about onboarding")?.activitytype)
    .toBe("Task");

  // A CRM user changes Olga's city; a pull (VTQL on this stock install) brings it here.
  await vtigerControl("edit", { id: olgaContact, fields: { mailingcity: "Ballarat" } });
  await page.goto(`/integrations/${connectionId}`);
  await page.getByRole("button", { name: "Pull now" }).click();
  await expect(page.getByTestId("run-progress")).toContainText("Pull finished");
  await page.goto(`/customers/${olga}`);
  await expect(page.getByLabel("City")).toHaveValue("Ballarat");

  // Last push and last pull are shown.
  await page.goto(`/integrations/${connectionId}`);
  const lastSync = page.getByText(/^Last push /);
  await expect(lastSync).toBeVisible();
  await expect(lastSync).not.toContainText("never");

  // Leave the shared fake as the next spec expects it: no stock bugs, this connection off.
  await vtigerControl("stock-install", { stock: false });
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Disable connection" }).click();
  await expect(page.getByRole("button", { name: "Enable connection" })).toBeVisible();
});
