import { expect, test, type Page } from "@playwright/test";
import { type FakeRecord, vtigerControl, vtigerRecords } from "./fakes/vtiger/fake-vtiger-control-client";
import { readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

async function remoteContact(customerId: string): Promise<FakeRecord | undefined> {
  return (await vtigerRecords("Contacts")).find((r) => r.cf_switchboard_id === customerId);
}

async function syncState(page: Page, connectionId: string) {
  return page.getByTestId(`sync-state-${connectionId}`);
}

test("a customer reaches Vtiger, fails into the dead letter while Vtiger is broken, and syncs after a retry", async ({ page }) => {
  test.setTimeout(120_000);
  const vtigerUrl = readRuntime().fakes.vtiger!;
  await vtigerControl("reset", { data: true });

  // Add the connection, testing it first.
  await page.goto("/integrations/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("E2E Vtiger");
  await page.getByLabel("Base URL").fill(vtigerUrl);
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Access key").fill("fake-access-key");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected as admin").first()).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: "E2E Vtiger" })).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/").pop()!;
  // The access key never comes back to the browser.
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByLabel("Access key")).toHaveValue("");

  // Create a customer and watch it reach "Synced" with a link that opens the contact.
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind").selectOption("person");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Ada Lovelace");
  await dialog.getByLabel("E-mail").fill("ada.e2e@example.test");
  await dialog.getByLabel("Phone").fill("+61 2 5550 0001");
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  const customerId = new URL(page.url()).pathname.split("/").pop()!;
  const state = await syncState(page, connectionId);
  await expect(state.getByText("Synced", { exact: true })).toBeVisible({ timeout: 30_000 });
  const contact = await remoteContact(customerId);
  expect(contact).toMatchObject({ firstname: "Ada", lastname: "Lovelace", email: "ada.e2e@example.test" });
  const link = state.getByRole("link", { name: "Open in CRM" });
  const href = await link.getAttribute("href");
  expect(href).toBe(`${vtigerUrl}/index.php?module=Contacts&view=Detail&record=${contact!.id.split("x")[1]}`);
  const crmPage = await page.context().newPage();
  await crmPage.goto(href!);
  await expect(crmPage.getByRole("heading", { name: "Contacts: Ada Lovelace" })).toBeVisible();
  await crmPage.close();

  // Break Vtiger: the change fails, is retried with backoff, and lands in the dead letter.
  await vtigerControl("fault", { type: "http_500" });
  await page.getByLabel("Phone").fill("+61 2 5550 0002");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(state.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.goto(`/integrations/${connectionId}`);
  await page.getByRole("tab", { name: "Dead letter" }).click();
  const deadRow = page.getByRole("table", { name: "Dead letter" }).getByRole("row").filter({ hasText: "Ada Lovelace" });
  await expect(deadRow).toBeVisible({ timeout: 45_000 });
  await expect(deadRow.getByText("HTTP 500").first()).toBeVisible();

  // Fix it and retry from the dashboard.
  await vtigerControl("reset", {});
  await page.getByRole("button", { name: "Retry all dead" }).click();
  await expect(page.getByRole("table", { name: "Dead letter" }).getByRole("row").filter({ hasText: "Ada Lovelace" })).toHaveCount(0, { timeout: 30_000 });
  await page.goto(`/customers/${customerId}`);
  await expect((await syncState(page, connectionId)).getByText("Synced", { exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await remoteContact(customerId))?.phone).toBe("+61 2 5550 0002");

  // The dashboard shows the calls, including the failures.
  await page.goto(`/integrations/${connectionId}`);
  await page.getByRole("tab", { name: "Call log" }).click();
  await page.getByLabel("Result").selectOption("error");
  await expect(page.getByRole("table", { name: "CRM call log" }).getByText("HTTP 500").first()).toBeVisible();
});
