import { expect, test } from "@playwright/test";
import { ascoraControl } from "./fakes/ascora/fake-ascora-control-client";
import { readRuntime } from "./support/runtime";
import { STORAGE } from "./support/storage";

test.use({ storageState: STORAGE.admin });

const BAD_INVOICE_ID = "3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";

test("an Ascora connection's dashboard counts records by kind, and its dead letter lists the accounting import's issues with their reason", async ({ page }) => {
  test.setTimeout(120_000);
  const runtime = readRuntime().fakes;
  await ascoraControl("reset", {});
  const remote = await ascoraControl<{ CustomerId: string }>("customers", { CompanyName: "Dune Electrical", LastName: "Dune", Email: "dune@example.test" });
  // An invoice Ascora sends with a negative amount: refused, left unmarked, listed as an issue.
  await ascoraControl("invoices", {
    invoice: {
      Id: BAD_INVOICE_ID,
      InvoiceDate: "2026-11-28T00:00:00Z",
      InvoiceDueDate: "2026-12-12T00:00:00Z",
      InvoiceNumber: "ASC-BAD-1",
      AmountExTax: 100,
      AdjustedAmountExTax: -100,
      Tax: 10,
      CustomerId: remote.CustomerId,
      InvoiceLines: [],
    },
  });

  await page.goto("/integrations/new");
  await page.getByLabel("CRM", { exact: true }).selectOption("ascora");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Dashboard Ascora");
  await page.getByLabel("Ascora API URL").fill(runtime.ascora!);
  await page.getByLabel("Ascora account (user name)").fill(runtime.ascoraUser!);
  await page.getByLabel("Password").fill(runtime.ascoraPassword!);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`Connected as ${runtime.ascoraUser}`).first()).toBeVisible();
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard Ascora" })).toBeVisible();

  // The pull links the customer, then the accounting import runs and refuses the invoice.
  await page.getByRole("button", { name: "Pull now" }).click();
  await expect(page.getByTestId("run-progress").getByText("Pull finished")).toBeVisible();
  await expect(page.getByRole("heading", { name: "By kind of record" })).toBeVisible();

  await page.getByRole("tab", { name: "Dead letter" }).click();
  const issues = page.getByRole("region", { name: "Accounting import issues" });
  await expect(issues.getByText(BAD_INVOICE_ID)).toBeVisible();
  await expect(issues.getByText(/AdjustedAmountExTax is negative/)).toBeVisible();
  await expect(issues.getByText("Refused", { exact: true })).toBeVisible();
  await issues.getByRole("button", { name: "Import again" }).click();
  await expect(page.getByText("Import started")).toBeVisible();
});
