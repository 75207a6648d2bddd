import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/demo-accounts";
import { STORAGE } from "./support/storage";

/** Signs each demo role in once through the real password form and saves the session. */
const ACCOUNTS: Array<[keyof typeof STORAGE, string]> = [
  ["admin", "admin@switchboard.local"],
  ["agent", "agent@switchboard.local"],
  ["entechAdmin", "admin@entech.example"],
  ["entechUser", "user@entech.example"],
  ["northwindUser", "user@northwind.example"],
];

for (const [key, email] of ACCOUNTS) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await page.goto("/sign-in");
    const form = page.getByRole("tabpanel", { name: "Password" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByRole("textbox", { name: "Password" }).fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.context().storageState({ path: STORAGE[key] });
  });
}
