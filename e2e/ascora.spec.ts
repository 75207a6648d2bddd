import { expect, test, type Page } from "@playwright/test";
import { ascoraControl } from "./fakes/ascora/fake-ascora-control-client";
import { readRuntime, waitFor } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

const INVOICE_ID = "5d0c9a7e-3b2f-4c1d-9e8a-7f6b5c4d3e21";
const PAYMENT_ID = "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f60";

/** Makes a customer through the console's "New customer" dialog; returns its id. */
async function createCustomerInConsole(page: Page, c: { kind: "person" | "company"; name: string; email: string }): Promise<string> {
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kind").selectOption(c.kind);
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(c.name);
  await dialog.getByLabel("E-mail").fill(c.email);
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: c.name })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

interface FakeCustomer {
  CustomerId: string;
  ExternalReference?: string;
  LastName?: string;
}

test("connect Ascora, test it, sync customers both ways, and see its invoice and payment in billing", async ({ page }) => {
  test.setTimeout(150_000);
  const runtime = readRuntime().fakes;
  await ascoraControl("reset", {});
  const remote = await ascoraControl<FakeCustomer>("customers", {
    CompanyName: "Harbour Plumbing",
    FirstName: "Hana",
    LastName: "Harbour",
    Email: "hana.harbour@example.test",
    Suburb: "Fremantle",
  });
  // An invoice already waiting in Ascora for that customer: it arrives once the customer is linked.
  await ascoraControl("invoices", {
    invoice: {
      Id: INVOICE_ID,
      InvoiceDate: "2026-11-28T00:00:00Z",
      InvoiceDueDate: "2026-12-12T00:00:00Z",
      InvoiceNumber: "ASC-7001",
      AmountExTax: 400,
      AdjustedAmountExTax: 400,
      Tax: 40,
      CustomerId: remote.CustomerId,
      InvoiceLines: [{ PartNumber: "HWS", Description: "Hot water system service", Quantity: 1, UnitPriceExTax: 400, AmountExTax: 400, Tax: 40 }],
    },
  });

  // A customer Switchboard already has, under an e-mail Ascora also knows (in other case): the pull links it, no twin.
  await ascoraControl("customers", { CompanyName: "Quayside Cafe", Email: "Accounts@Quayside.test", Suburb: "Fremantle" });
  const knownId = await createCustomerInConsole(page, { kind: "company", name: "Quayside Cafe", email: "accounts@quayside.test" });

  // Connect, with a test first (a wrong password is refused, the right one works).
  await page.goto("/integrations/new");
  await page.getByLabel("CRM", { exact: true }).selectOption("ascora");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("E2E Ascora");
  await page.getByLabel("Ascora API URL").fill(runtime.ascora!);
  await page.getByLabel("Ascora account (user name)").fill(runtime.ascoraUser!);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("The connection failed")).toBeVisible();
  await expect(page.getByText(/refused the account's user name or password/)).toBeVisible();
  await page.getByLabel("Password").fill(runtime.ascoraPassword!);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`Connected as ${runtime.ascoraUser}`).first()).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: "E2E Ascora" })).toBeVisible();
  const connectionId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("tab", { name: "Settings", exact: true }).click();
  await expect(page.getByLabel("Password")).toHaveValue("");

  // Pull: the Ascora customer becomes a Switchboard customer.
  await page.getByRole("tab", { name: "Dashboard" }).click();
  await page.getByRole("button", { name: "Pull now" }).click();
  await expect(page.getByTestId("run-progress").getByText("Pull finished")).toBeVisible();
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill("Harbour");
  await page.getByRole("link", { name: "Hana Harbour" }).first().click();
  await expect(page.getByRole("heading", { name: "Hana Harbour" })).toBeVisible();
  await expect(page.getByTestId(`sync-state-${connectionId}`).getByText("Synced", { exact: true })).toBeVisible();
  // The invoice came in after the pull linked its customer.
  await expect(page.getByRole("heading", { name: "Invoices from Ascora" })).toBeVisible();
  await expect(page.getByText("ASC-7001")).toBeVisible();

  // The customer made before the connection carries the Ascora link itself.
  await page.goto(`/customers/${knownId}`);
  await expect(page.getByTestId(`sync-state-${connectionId}`)).toBeVisible();

  // Push: a customer made here reaches Ascora carrying our id.
  const customerId = await createCustomerInConsole(page, { kind: "person", name: "Otto Ascora", email: "otto.ascora@example.test" });
  await expect(page.getByTestId(`sync-state-${connectionId}`).getByText("Synced", { exact: true })).toBeVisible();
  const pushed = await waitFor("the customer in Ascora", async () =>
    (await ascoraControl<{ customers: FakeCustomer[] }>("customers")).customers.find((c) => c.ExternalReference === customerId),
  );
  expect(pushed.LastName).toBe("Ascora");

  // A payment on the (now marked) invoice: Pull now in billing brings it in.
  await ascoraControl("payments", {
    payment: { Id: PAYMENT_ID, InvoiceId: INVOICE_ID, PaymentDate: "2026-12-03T00:00:00Z", Amount: 440, PaymentMethod: "EFT", Reference: "BANK-1" },
  });
  await page.goto("/billing/external");
  const card = page.getByRole("button", { name: "Pull now" }).first();
  await card.click();
  await expect(page.getByTestId("accounting-run")).toContainText("payments 1 stored");
  const row = page.getByRole("row").filter({ hasText: "ASC-7001" });
  await expect(row.getByText("Paid", { exact: true })).toBeVisible();
  await expect(row.getByText("Hana Harbour")).toBeVisible();
  const state = await ascoraControl<{ payments: { marked: boolean }[] }>("payments");
  expect(state.payments.every((p) => p.marked)).toBe(true);
});
