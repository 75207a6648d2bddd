import { expect, test } from "@playwright/test";
import { STORAGE } from "./support/storage";

// The shared pickers: billing dialogs find a customer by typing (server-side
// search, keyboard choice), and date fields show the app's one date format.
test.use({ storageState: STORAGE.admin });

test("the subscription dialog finds a customer by name and shows dates as 5 Dec 2026", async ({ page }) => {
  await page.goto("/billing/subscriptions");
  await page.getByRole("button", { name: "New subscription" }).click();
  const dialog = page.getByRole("dialog", { name: "New subscription" });

  const customer = dialog.getByRole("combobox", { name: "Customer" });
  await customer.fill("zz-no-such-customer");
  await expect(dialog.getByText("No customer matches “zz-no-such-customer”.")).toBeVisible();
  // Other specs add more "Maple Dental …" customers, so the search is specific enough for one.
  await customer.fill("maple dental group");
  const option = dialog.getByRole("option", { name: /Maple Dental Group/ });
  await expect(option).toBeVisible();
  await customer.press("ArrowDown");
  await customer.press("Enter");
  await expect(dialog.getByRole("listbox")).toBeHidden();
  await expect(customer).toHaveValue("Maple Dental Group (office@mapledental.example)");

  const start = dialog.getByRole("textbox", { name: "First period starts" });
  await expect(start).toHaveValue(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/);
  await start.fill("31 Feb 2026");
  await expect(start).toHaveAttribute("aria-invalid", "true");
  await start.fill("2026-12-05");
  await start.blur();
  await expect(start).toHaveValue("5 Dec 2026");
  await expect(start).not.toHaveAttribute("aria-invalid", "true");
});
