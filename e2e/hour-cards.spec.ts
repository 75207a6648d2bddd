import { expect, test } from "@playwright/test";
import { fileConsoleTicket } from "./support/console-api";
import { queryDb } from "./support/runtime";
import { STORAGE } from "./support/storage";

// One journey across roles: the admin sells a card, the agent bills time to it, the client admin sees both.
test("hour cards: admin creates a card, agent logs billable time, balance drops, client admin sees card and ticket", async ({ browser }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const cardName = `E2E card ${stamp}`;
  const [org] = await queryDb<{ id: string }>(`SELECT id FROM "Organisation" WHERE label = 'ENTECH'`);
  const customerId = `e2e-hc-${stamp.toLowerCase()}`;
  await queryDb(`INSERT INTO "Customer" ("id", "name", "organisationId", "updatedAt") VALUES ($1, $2, $3, now())`, [customerId, `Entech hours ${stamp}`, org!.id]);

  const admin = await browser.newContext({ storageState: STORAGE.admin });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/customers/${customerId}`);
  await adminPage.getByRole("button", { name: "New hour card" }).click();
  const dialog = adminPage.getByRole("dialog", { name: "New hour card" });
  await dialog.getByLabel("Name").fill(cardName);
  await dialog.getByLabel("Hours").fill("10");
  await dialog.getByRole("button", { name: "Create card" }).click();
  await expect(adminPage).toHaveURL(/\/hour-cards\/[^/]+$/);
  const cardUrl = new URL(adminPage.url()).pathname;
  await expect(adminPage.getByRole("heading", { name: cardName })).toBeVisible();
  await expect(adminPage.getByText("10:00").first()).toBeVisible();

  const agent = await browser.newContext({ storageState: STORAGE.agent });
  const agentPage = await agent.newPage();
  const ticket = await fileConsoleTicket(agent.request, { org: "ENTECH", subject: `Hours ${stamp}`, reporterEmail: "eli@entech.example" });
  await agentPage.goto(`/tickets/${ticket.number}`);
  const form = agentPage.getByRole("form", { name: "Log time" });
  await form.getByLabel("Time spent").fill("0");
  await form.getByLabel("Note").fill("Router reconfigured");
  await form.getByRole("button", { name: "Log time" }).click();
  await expect(form.getByText("The time must be more than zero")).toBeVisible();
  await form.getByLabel("Time spent").fill("1:30");
  await form.getByLabel("Hour card", { exact: true }).selectOption({ label: `${cardName}: 10:00 left` });
  await form.getByRole("button", { name: "Log time" }).click();
  const entries = agentPage.getByRole("list", { name: "Time entries" });
  await expect(entries).toContainText("1:30");
  await expect(entries).toContainText(cardName);

  await adminPage.goto(cardUrl);
  await expect(adminPage.getByText("8:30").first()).toBeVisible();
  await expect(adminPage.getByRole("table", { name: "Ledger" })).toContainText(ticket.number);

  const client = await browser.newContext({ storageState: STORAGE.entechAdmin });
  const clientPage = await client.newPage();
  await clientPage.goto("/my-tickets");
  await clientPage.getByRole("link", { name: "Hour cards" }).click();
  await expect(clientPage.getByRole("heading", { name: "Hour cards" })).toBeVisible();
  await expect(clientPage.getByText(cardName).first()).toBeVisible();
  await expect(clientPage.getByText("8:30").first()).toBeVisible();
  const usage = clientPage.getByRole("list", { name: "Tickets that used your hours" });
  await expect(usage).toContainText(ticket.number);
  await expect(usage).toContainText("1:30");

  await Promise.all([admin.close(), agent.close(), client.close()]);
});
